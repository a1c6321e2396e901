package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;

/** The interval and window join goldens ({@link JoinGoldenTest}: straight, push, restore) with the log in a real Kafka broker. */
class KafkaJoinGoldenTest extends JoinGoldenTest {
    @Override
    EngineConfig engineConfig() {
        return KafkaGoldens.engine();
    }
}
