package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;

/**
 * The streaming goldens ({@link StreamingGoldenTest}: straight, push and history runs) with the log
 * in a real Kafka broker: the same cases, the same expected rows as on the embedded log.
 */
class KafkaStreamingGoldenTest extends StreamingGoldenTest {
    @Override
    EngineConfig engineConfig() {
        return KafkaGoldens.engine();
    }
}
