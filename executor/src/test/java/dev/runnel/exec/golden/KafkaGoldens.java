package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.log.kafka.testing.KafkaBroker;

/** Engines on the JVM's in-process Kafka broker, each in a namespace of its own (topics and groups apart). */
final class KafkaGoldens {
    private KafkaGoldens() {}

    static EngineConfig engine() {
        return EngineConfig.memory().withKafka(KafkaBackend.at(KafkaBroker.get().bootstrap())
                .withNamespace(KafkaBroker.uniqueNamespace("golden")));
    }
}
