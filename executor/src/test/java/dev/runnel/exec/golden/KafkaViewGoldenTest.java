package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;

/** The materialized-view goldens ({@link ViewGoldenTest}) with the log in a real Kafka broker: the same rows. */
class KafkaViewGoldenTest extends ViewGoldenTest {
    @Override
    EngineConfig engineConfig() {
        return KafkaGoldens.engine();
    }
}
