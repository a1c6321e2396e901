package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SHOW CONSUMER GROUPS on Kafka: the engine's groups (a job's) and other clients' groups with
 * offsets on the engine's topics, each partition with its committed offset, log end and lag as
 * Kafka's Admin reports them, and the group's members; groups of other namespaces stay out.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaConsumerGroupsTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("groups");

    @Test
    void showConsumerGroupsListsTheJobsGroupAndOtherClientsGroupsOnItsTopicsWithLagFromKafka() throws Exception {
        EngineConfig config = EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap())
                .withNamespace(namespace), dir);
        String elsewhere = KafkaBroker.uniqueNamespace("groups-other");
        try (Engine engine = Engines.open(config); Session s = engine.openSession();
                Engine other = Engines.open(EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap())
                        .withNamespace(elsewhere), dir.resolve("other")));
                Session os = other.openSession()) {
            JobTest.createStreams(s);
            JobTest.insert(s, 0, 30);
            s.execute("CREATE JOB big_bids AS INSERT INTO big SELECT auction, price FROM bids WHERE MOD(price, 3) = 0");
            JobTest.createStreams(os); // another namespace: its job's group is not ours
            os.execute("CREATE JOB theirs AS INSERT INTO big SELECT auction, price FROM bids");

            Properties p = new Properties();
            p.put("bootstrap.servers", KafkaBroker.get().bootstrap());
            p.put("group.id", "analytics");
            p.put("enable.auto.commit", "false");
            p.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(namespace + "bids"));
                while (c.assignment().isEmpty()) {
                    c.poll(Duration.ofMillis(100));
                }
                TopicPartition p0 = new TopicPartition(namespace + "bids", 0);
                TopicPartition p1 = new TopicPartition(namespace + "bids", 1);
                c.commitSync(Map.of(p0, new OffsetAndMetadata(1), p1, new OffsetAndMetadata(0)));
                long end0 = c.endOffsets(List.of(p0)).get(p0);
                long end1 = c.endOffsets(List.of(p1)).get(p1);
                assertThat(end0 + end1).isEqualTo(30);

                JobTest.eventually(() -> {
                    Map<String, Object> job = JobTest.job(s, "big_bids");
                    return job != null && Long.valueOf(0).equals(job.get("lag"));
                });
                List<String> rows = new ArrayList<>();
                for (Object[] r : JobTest.rows(s, "SHOW CONSUMER GROUPS")) {
                    rows.add(Arrays.toString(r));
                }
                assertThat(rows).containsExactly(
                        "[analytics, bids, 0, 1, " + end0 + ", " + (end0 - 1) + ", 1]",
                        "[analytics, bids, 1, 0, " + end1 + ", " + end1 + ", 1]",
                        "[job-big_bids, bids, 0, " + end0 + ", " + end0 + ", 0, 0]",
                        "[job-big_bids, bids, 1, " + end1 + ", " + end1 + ", 0, 0]");

                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(namespace + "bids", 1, null,
                            "{\"auction\": 5, \"price\": 1, \"ts\": \"2026-01-01 00:00:00\"}".getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
                Object[] lag = JobTest.rows(s, "SHOW CONSUMER GROUPS").get(1);
                assertThat(lag).containsExactly("analytics", "bids", 1, 0L, end1 + 1, end1 + 1, 1);
            }
        }
    }
}
