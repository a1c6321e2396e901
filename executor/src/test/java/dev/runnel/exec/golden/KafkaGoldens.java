package dev.runnel.exec.golden;

import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.file.Path;

/** Engines on the JVM's in-process Kafka broker, each in a namespace of its own (topics and groups apart). */
final class KafkaGoldens {
    private KafkaGoldens() {}

    static EngineConfig engine() {
        return EngineConfig.memory().withKafka(backend());
    }

    /** An engine whose local files (checkpoints) are in {@code dir}: opening the config again reopens the same engine. */
    static EngineConfig durable(Path dir) {
        return EngineConfig.kafka(backend(), dir);
    }

    private static KafkaBackend backend() {
        return KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(KafkaBroker.uniqueNamespace("golden"));
    }
}
