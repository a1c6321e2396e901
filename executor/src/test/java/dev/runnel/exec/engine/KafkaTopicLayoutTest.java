package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.sql.RunnelSqlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CREATE STREAM or TABLE over a Kafka topic that exists already (made and filled by another Kafka
 * client): a topic of the right layout is adopted and its records are the relation's rows; one of
 * another partition count or cleanup policy fails the CREATE with 42S01, expected against found,
 * and nothing changes, neither the topic nor the catalog.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KafkaTopicLayoutTest {
    @TempDir
    Path dir;

    private final String namespace = KafkaBroker.uniqueNamespace("layout");
    private Admin admin;

    @BeforeEach
    void connect() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.get().bootstrap());
        admin = Admin.create(p);
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    private EngineConfig config() {
        return EngineConfig.kafka(KafkaBackend.at(KafkaBroker.get().bootstrap()).withNamespace(namespace), dir);
    }

    /** A Kafka topic made outside Runnel, holding {@code values} (json) spread over its partitions. */
    private void kafkaTopic(String name, int partitions, String policy, List<String> values) throws Exception {
        admin.createTopics(List.of(new NewTopic(namespace + name, Optional.of(partitions), Optional.empty())
                .configs(Map.of("cleanup.policy", policy)))).all().get();
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.get().bootstrap());
        p.put("acks", "all");
        try (var producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(namespace + name, i % partitions, 1_000L * i,
                        ("k" + i).getBytes(StandardCharsets.UTF_8), values.get(i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private String policy(String name) throws Exception {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, namespace + name);
        return admin.describeConfigs(List.of(r)).all().get().get(r).get("cleanup.policy").value();
    }

    private int partitions(String name) throws Exception {
        return admin.describeTopics(List.of(namespace + name)).allTopicNames().get().get(namespace + name).partitions()
                .size();
    }

    @Test
    void aTopicOfAnotherPartitionCountFailsTheCreateUnchangedAndTheRightOneIsAdoptedWithItsRecords() throws Exception {
        kafkaTopic("orders", 3, "delete", List.of("{\"id\": 1, \"amount\": 10}", "{\"id\": 2, \"amount\": 20}",
                "{\"id\": 3, \"amount\": 30}", "{\"id\": 4, \"amount\": 40}"));
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM orders (id BIGINT, amount BIGINT) WITH (partitions = 12)"));
            assertThat(e.sqlState()).isEqualTo("42S01");
            assertThat(e.getMessage()).contains("topic 'orders' already exists with 3 partitions, expected 12")
                    .contains("WITH (partitions = 3)").contains("nothing was changed");
            assertThat(engine.catalog().find("orders")).isEmpty();
            assertThat(partitions("orders")).isEqualTo(3);
            assertThat(JobTest.rows(s, "SHOW STREAMS")).isEmpty();

            s.execute("CREATE STREAM orders (id BIGINT, amount BIGINT) WITH (partitions = 3)");
            assertThat(JobTest.rows(s, "SELECT COUNT(*), SUM(amount) FROM orders").get(0)).containsExactly(4L, 100L);
            s.execute("INSERT INTO orders VALUES (5, 50)");
            assertThat(JobTest.rows(s, "SELECT COUNT(*), SUM(amount) FROM orders").get(0)).containsExactly(5L, 150L);
            assertThat(policy("orders")).isEqualTo("delete");
        }
    }

    @Test
    void aStreamOverACompactedTopicAndATableOverADeletingOneFailWithWhatWasExpected() throws Exception {
        kafkaTopic("prices", 1, "compact", List.of("{\"item\": 1, \"price\": 5}"));
        kafkaTopic("users", 1, "delete", List.of("{\"id\": 1, \"name\": \"ann\"}"));
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            RunnelSqlException stream = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM prices (item BIGINT, price BIGINT)"));
            assertThat(stream.sqlState()).isEqualTo("42S01");
            assertThat(stream.getMessage()).contains("topic 'prices' already exists with cleanup.policy 'compact',"
                    + " expected 'delete' for stream 'prices'");
            RunnelSqlException table = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR)"));
            assertThat(table.sqlState()).isEqualTo("42S01");
            assertThat(table.getMessage()).contains("topic 'users' already exists with cleanup.policy 'delete',"
                    + " expected 'compact' for table 'users'");
            assertThat(policy("prices")).isEqualTo("compact");
            assertThat(policy("users")).isEqualTo("delete");
            assertThat(engine.catalog().all()).isEmpty();

            s.execute("CREATE TABLE prices (item BIGINT PRIMARY KEY, price BIGINT)"); // the layout a table needs
            assertThat(JobTest.rows(s, "SELECT item, price FROM prices").get(0)).containsExactly(1L, 5L);
        }
    }

    private int replication(String name) throws Exception {
        return admin.describeTopics(List.of(namespace + name)).allTopicNames().get().get(namespace + name).partitions()
                .get(0).replicas().size();
    }

    @Test
    void aStreamsReplicationIsItsTopicsReplicationFactorAndAMismatchOrTooManyCopiesChangeNothing() throws Exception {
        kafkaTopic("clicks", 2, "delete", List.of("{\"id\": 1}"));
        try (Engine engine = Engines.open(config()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM views_v (id BIGINT) WITH (partitions = 2, replication = 1)");
            assertThat(replication("views_v")).isEqualTo(1);

            // the test broker is alone: three copies cannot be placed, and nothing is created
            RunnelSqlException tooMany = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM orders3 (id BIGINT) WITH (replication = 3)"));
            assertThat(tooMany.getMessage()).contains("orders3").containsIgnoringCase("replication");
            assertThat(engine.catalog().find("orders3")).isEmpty();
            assertThat(admin.listTopics().names().get()).doesNotContain(namespace + "orders3");

            // an existing topic with one copy is not adopted as a stream asking for two
            RunnelSqlException mismatch = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM clicks (id BIGINT) WITH (partitions = 2, replication = 2)"));
            assertThat(mismatch.sqlState()).isEqualTo("42S01");
            assertThat(mismatch.getMessage()).contains("topic 'clicks' already exists with replication 1, expected 2")
                    .contains("WITH (replication = 1)");
            assertThat(engine.catalog().find("clicks")).isEmpty();
            s.execute("CREATE STREAM clicks (id BIGINT) WITH (partitions = 2, replication = 1)");
            assertThat(JobTest.rows(s, "SELECT COUNT(*) FROM clicks").get(0)).containsExactly(1L);

            RunnelSqlException bad = catchThrowableOfType(RunnelSqlException.class,
                    () -> s.execute("CREATE STREAM r0 (id BIGINT) WITH (replication = 0)"));
            assertThat(bad.sqlState()).isEqualTo("42000");
            assertThat(bad.getMessage()).contains("line 1, column").contains("replication");
        }
    }
}
