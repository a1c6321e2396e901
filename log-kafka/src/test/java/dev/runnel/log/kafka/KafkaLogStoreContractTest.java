package dev.runnel.log.kafka;

import dev.runnel.log.LogStore;
import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.log.testing.LogStoreContract;

/** The shared log contract on a real in-process Kafka broker, each test in a namespace of its own. */
class KafkaLogStoreContractTest extends LogStoreContract {
    @Override
    protected LogStore open() {
        return KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(KafkaBroker.uniqueNamespace("contract")).withClock(clock));
    }
}
