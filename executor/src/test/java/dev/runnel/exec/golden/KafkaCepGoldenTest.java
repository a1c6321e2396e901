package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;

/** The MATCH_RECOGNIZE goldens ({@link CepGoldenTest}: straight, push, restore) with the log in a real Kafka broker. */
class KafkaCepGoldenTest extends CepGoldenTest {
    @Override
    EngineConfig engineConfig() {
        return KafkaGoldens.engine();
    }
}
