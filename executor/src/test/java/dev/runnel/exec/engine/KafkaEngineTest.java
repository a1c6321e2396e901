package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.log.TopicConfig;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaStoreOptions;
import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.sql.RunnelSqlException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine with its log in a real (in-process) Kafka broker: durability, metadata columns, jobs, errors. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaEngineTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("engine");

    private EngineConfig config() {
        return EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(namespace), dir)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void streamsLiveInKafkaAndOutliveTheEngineWithTheirMetadataColumns() {
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT) WITH (partitions = 2, key = 'auction')");
            s.execute("INSERT INTO bids VALUES (1, 10), (1, 11), (2, 20)");
            assertThat(engine.catalog().find("bids").orElseThrow().storage().format().sqlName()).isEqualTo("json");
        }
        try (KafkaLogStore kafka = KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(namespace))) {
            assertThat(kafka.listTopics()).contains("__catalog", "bids");
        }
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            List<Object[]> rows = JobTest.rows(s,
                    "SELECT auction, price, _partition, _offset, _timestamp FROM bids ORDER BY price");
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)[0]).isEqualTo(1L);
            assertThat(rows.get(1)[3]).isEqualTo((Long) rows.get(0)[3] + 1); // one offset per record
            assertThat(rows.get(0)[2]).isEqualTo(rows.get(1)[2]); // same key, same partition
            assertThat(rows.get(0)[4]).isEqualTo(NOW.toEpochMilli()); // _timestamp: the producer's (engine's) clock
        }
    }

    @Test
    void otherKafkaClientsReadRunnelsTopicsAndRunnelReadsTheirs() throws Exception {
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM clicks (user_id BIGINT, url VARCHAR) WITH (partitions = 1, key = 'user_id')");
            s.execute("INSERT INTO clicks VALUES (7, 'a')");
            java.util.Properties p = new java.util.Properties();
            p.put("bootstrap.servers", KafkaBroker.get().bootstrap());
            var bytes = new org.apache.kafka.common.serialization.ByteArrayDeserializer();
            try (var c = new org.apache.kafka.clients.consumer.KafkaConsumer<>(p, bytes, bytes)) {
                var tp = new org.apache.kafka.common.TopicPartition(namespace + "clicks", 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.currentTimeMillis() + 20_000;
                while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                    c.poll(java.time.Duration.ofMillis(200)).forEach(r -> {
                        values.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                        assertThat(r.timestamp()).isEqualTo(NOW.toEpochMilli());
                    });
                }
                assertThat(values).hasSize(1);
                assertThat(values.get(0)).contains("\"url\"").contains("\"a\"");
            }
            var ser = new org.apache.kafka.common.serialization.ByteArraySerializer();
            p.put("acks", "all");
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(p, ser, ser)) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(namespace + "clicks", 0, 1234L,
                        null, "{\"user_id\": 8, \"url\": \"b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .get();
            }
            List<Object[]> rows = JobTest.rows(s, "SELECT user_id, url, _offset, _timestamp FROM clicks ORDER BY _offset");
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1)).containsExactly(8L, "b", 1L, 1234L);
        }
    }

    @Test
    void aJobOnKafkaCommitsItsOffsetsInAKafkaConsumerGroup() throws Exception {
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            JobTest.createStreams(s);
            JobTest.insert(s, 0, 30);
            s.execute("CREATE JOB big_bids AS INSERT INTO big SELECT auction, price FROM bids WHERE MOD(price, 3) = 0");
            JobTest.eventually(() -> JobTest.prices(s, "big").size() == 10);
            assertThat(JobTest.prices(s, "big")).isEqualTo(JobTest.expectedBig(30));
            JobTest.eventually(() -> {
                Map<String, Object> job = JobTest.job(s, "big_bids");
                return job != null && job.get("offsets") != null && Long.valueOf(0).equals(job.get("lag"));
            });
        }
    }

    @Test
    void anExistingTopicWithAnotherPartitionCountIsAClearErrorAndNothingIsCreated() {
        try (KafkaLogStore kafka = KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(namespace))) {
            kafka.createTopic("bids", TopicConfig.ofPartitions(3));
        }
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM bids (auction BIGINT) WITH (partitions = 2)"));
            assertThat(e.sqlState()).isEqualTo("42S01");
            assertThat(e.getMessage()).contains("topic 'bids' already exists with 3 partitions, expected 2 for stream 'bids'");
            assertThat(engine.catalog().find("bids")).isEmpty();
            assertThat(engine.log().describeTopic("bids").partitions()).hasSize(3);
            s.execute("CREATE STREAM bids (auction BIGINT) WITH (partitions = 3)"); // the matching layout is adopted
            RunnelSqlException columnar = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM c (a BIGINT) WITH (format = 'columnar')"));
            assertThat(columnar.sqlState()).isEqualTo("0A000");
            assertThat(columnar.getMessage()).contains("format 'columnar' needs the embedded log");
        }
    }

    @Test
    void anUnreachableBrokerFailsTheStartClearlyAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EngineConfig dead = EngineConfig.kafka(KafkaBackend.at("127.0.0.1:" + port).withConnectRetries(2, 50, 500), dir);
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> Engines.open(dead));
        assertThat(e.sqlState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("cannot open the engine on Kafka at 127.0.0.1:" + port)
                .contains("after 2 attempt(s)");
    }
}
