package dev.runnel.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.InvalidTopicException;
import dev.runnel.log.LogException;
import dev.runnel.log.Record;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is particular to the Kafka store: connecting, namespaces, timestamps, what it refuses. */
class KafkaLogStoreTest {
    private final MutableClock clock = new MutableClock(1_000_000);

    private KafkaLogStore open(String ns) {
        return KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(KafkaBroker.uniqueNamespace(ns)).withClock(clock));
    }

    @Test
    void anUnreachableBrokerIsAClearErrorAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        long start = System.nanoTime();
        KafkaStoreOptions o = KafkaStoreOptions.of("127.0.0.1:" + port).withConnectRetries(3, 50)
                .withConnectTimeoutMs(500);
        assertThatThrownBy(() -> KafkaLogStore.open(o)).isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot reach Kafka at 127.0.0.1:" + port + " after 3 attempt(s)");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(30_000);
        assertThatThrownBy(() -> KafkaLogStore.open(KafkaStoreOptions.of("no-such-host.invalid:9092")
                .withConnectRetries(1, 0).withConnectTimeoutMs(500))).isInstanceOf(StorageException.class)
                .hasMessageContaining("no-such-host.invalid:9092");
    }

    @Test
    void namespacesKeepStoresOnOneClusterApart() {
        try (KafkaLogStore a = open("ns-a"); KafkaLogStore b = open("ns-b")) {
            a.createTopic("bids", TopicConfig.DEFAULT);
            b.createTopic("bids", TopicConfig.ofPartitions(2));
            a.append(new TopicPartition("bids", 0), Records.numbered("a", 0, 2));
            assertThat(a.listTopics()).containsExactly("bids");
            assertThat(b.describeTopic("bids").partitions()).hasSize(2);
            assertThat(b.logEndOffset(new TopicPartition("bids", 0))).isZero();
        }
    }

    @Test
    void payloadBatchesAreRefusedAndTheStoreSaysSoUpFront() {
        try (KafkaLogStore s = open("payload")) {
            s.createTopic("cols", TopicConfig.DEFAULT);
            assertThat(s.supportsPayloadBatches()).isFalse();
            assertThatThrownBy(() -> s.appendPayload(new TopicPartition("cols", 0), ByteBuffer.wrap(new byte[3]), 3,
                    1, 2)).isInstanceOf(LogException.class).hasMessageContaining("cannot store a payload batch");
            assertThat(s.logEndOffset(new TopicPartition("cols", 0))).isZero();
        }
    }

    @Test
    void logAppendTimeTopicsStampTheBrokersTime() {
        try (KafkaLogStore s = open("append-time")) {
            s.createTopic("stamped", TopicConfig.DEFAULT);
            s.alterTopicConfig("stamped", Map.of("message.timestamp.type", "LogAppendTime"));
            long before = System.currentTimeMillis();
            TopicPartition tp = new TopicPartition("stamped", 0);
            s.append(tp, List.of(Record.of("k", "v", 5)));
            ConsumedRecord r = Records.readAll(s, tp, 0).get(0);
            assertThat(r.timestamp()).isEqualTo(5); // the event time travels in a header
            assertThat(r.appendTime()).isBetween(before, System.currentTimeMillis());
            assertThat(r.producerTimestamp()).isEqualTo(r.appendTime());
        }
    }

    @Test
    void aReplicationFactorTheClusterCannotGiveIsAClearErrorAndNoTopic() {
        try (KafkaLogStore s = KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(KafkaBroker.uniqueNamespace("replication")).withReplication(2))) {
            assertThatThrownBy(() -> s.createTopic("bids", TopicConfig.DEFAULT))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("cannot create topic 'bids'")
                    .hasMessageContaining("replication factor");
            assertThat(s.listTopics()).isEmpty();
        }
    }

    @Test
    void badNamesAndConfigsChangeNothing() {
        try (KafkaLogStore s = open("bad")) {
            assertThatThrownBy(() -> s.createTopic("no spaces", TopicConfig.DEFAULT))
                    .isInstanceOf(InvalidTopicException.class);
            assertThatThrownBy(() -> s.createTopic("__mine", TopicConfig.DEFAULT))
                    .isInstanceOf(InvalidTopicException.class).hasMessageContaining("reserved");
            assertThatThrownBy(() -> s.createTopic("small", TopicConfig.DEFAULT.with("segment.bytes", "4096")))
                    .isInstanceOf(InvalidConfigException.class).hasMessageContaining("at least 1048576 on Kafka");
            assertThatThrownBy(() -> s.createTopic("bad-ts", TopicConfig.DEFAULT.with("retention.ms", "-5")))
                    .isInstanceOf(InvalidConfigException.class);
            assertThat(s.listTopics()).isEmpty();
        }
    }
}
