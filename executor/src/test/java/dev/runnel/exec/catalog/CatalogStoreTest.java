package dev.runnel.exec.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.testing.Relations;
import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogStoreTest {
    @TempDir
    Path dir;

    EmbeddedLogStore openStore(Path data) {
        return EmbeddedLogStore.open(StoreOptions.at(data).withoutBackgroundThreads());
    }

    static RelationDef bids() {
        return new RelationDef("Bids", RelationKind.STREAM, Relations.bidColumns(), List.of(),
                Optional.of(new WatermarkSpec(5, 4000)), new StorageSpec("bids", 4, Format.COLUMNAR, List.of(0), "bids.dlq"),
                Map.of("topic", "bids", "partitions", "4", "key", "auction", "retention", "7 days", "late", "drop"),
                "CREATE STREAM Bids (...) WITH (topic = 'bids', partitions = 4)");
    }

    static RelationDef users() {
        return new RelationDef("users", RelationKind.TABLE, List.of(new Column("id", DataType.of(TypeKind.BIGINT).notNull()),
                new Column("name", DataType.varchar()), new Column("balance", DataType.decimal(12, 3))), List.of(0),
                Optional.empty(), new StorageSpec("users", 2, Format.JSON, List.of(0), null),
                Map.of("topic", "users", "format", "json"), "CREATE TABLE users (id BIGINT PRIMARY KEY, ...)");
    }

    @Test
    void lookupIgnoresCaseKeepsNamesAsWrittenAndListsInNameOrder() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(users());
            catalog.create(bids());
            assertThat(catalog.find("BIDS")).contains(bids());
            assertThat(catalog.find("bids").get().name()).isEqualTo("Bids");
            assertThat(catalog.all()).extracting(RelationDef::name).containsExactly("Bids", "users");
            assertThat(catalog.find("nope")).isEmpty();
        }
    }

    @Test
    void createMakesTheTopicWithPartitionsRetentionAndCompactionForTables() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(bids());
            catalog.create(users());
            TopicConfig b = store.describeTopic("bids").config();
            assertThat(b.partitions()).isEqualTo(4);
            assertThat(b.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
            assertThat(b.retentionMs()).isEqualTo(7L * 24 * 3600 * 1000);
            TopicConfig u = store.describeTopic("users").config();
            assertThat(u.partitions()).isEqualTo(2);
            assertThat(u.cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
        }
    }

    @Test
    void aSnapshotDoesNotChangeUnderLaterDdl() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(users());
            CatalogSnapshot before = catalog.snapshot();
            catalog.create(bids());
            catalog.drop("users");
            assertThat(before.all()).extracting(RelationDef::name).containsExactly("users");
            assertThat(catalog.snapshot().all()).extracting(RelationDef::name).containsExactly("Bids");
        }
    }

    @Test
    void reopeningReplaysEveryDefinitionExactly() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(bids());
            catalog.create(users());
            catalog.drop("users");
            catalog.create(users());
        }
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            assertThat(catalog.all()).containsExactly(bids(), users());
        }
    }

    @Test
    void aCrashWithoutCleanShutdownLosesNoAcknowledgedChange() throws IOException {
        Path crashed = dir.resolve("crashed");
        try (EmbeddedLogStore store = openStore(dir.resolve("live"))) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(bids());
            catalog.create(users());
            // the process "dies" here: its files as they are on disk now, no clean close
            copyTree(dir.resolve("live"), crashed);
        }
        try (EmbeddedLogStore store = openStore(crashed)) {
            assertThat(store.openedClean()).isFalse();
            assertThat(CatalogStore.open(store).all()).containsExactly(bids(), users());
        }
    }

    @Test
    void aTornLastEventIsCutAwayAndEverythingBeforeItSurvives() throws IOException {
        Path crashed = dir.resolve("crashed");
        try (EmbeddedLogStore store = openStore(dir.resolve("live"))) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(bids());
            catalog.create(users());
            copyTree(dir.resolve("live"), crashed);
        }
        Path segment = crashed.resolve("topics/__catalog/0/00000000000000000000.log");
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 10);
        }
        try (EmbeddedLogStore store = openStore(crashed)) {
            assertThat(CatalogStore.open(store).all()).containsExactly(bids());
        }
    }

    @Test
    void dropRemovesTheRelationItsTopicAndItsDeadLetterTopic() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(bids());
            store.createTopic("bids.dlq", TopicConfig.DEFAULT);
            catalog.drop("BIDS");
            assertThat(catalog.find("bids")).isEmpty();
            assertThat(store.topicExists("bids")).isFalse();
            assertThat(store.topicExists("bids.dlq")).isFalse();
            assertThatThrownBy(() -> catalog.drop("bids")).isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("unknown stream, table or view 'bids'");
            catalog.create(bids());
            assertThat(store.topicExists("bids")).isTrue();
        }
        try (EmbeddedLogStore store = openStore(dir)) {
            assertThat(CatalogStore.open(store).find("bids")).contains(bids());
        }
    }

    @Test
    void aDropInterruptedAfterItsEventIsFinishedOnOpen() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(bids());
            // what drop() writes first; then the process dies before deleting anything
            store.append(new TopicPartition(CatalogStore.TOPIC, 0), List.of(Record.of(CatalogEvents.key("Bids"),
                    CatalogEvents.dropping(List.of("bids", "bids.dlq")))));
        }
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            assertThat(catalog.all()).isEmpty();
            assertThat(store.topicExists("bids")).isFalse();
        }
        try (EmbeddedLogStore store = openStore(dir)) {
            assertThat(CatalogStore.open(store).all()).isEmpty();
        }
    }

    @Test
    void aFailedCreateLeavesCatalogAndTopicsAsTheyWere() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            catalog.create(users());
            Set<String> topicsBefore = store.listTopics();
            long eventsBefore = store.logEndOffset(new TopicPartition(CatalogStore.TOPIC, 0));

            RelationDef huge = withSql(bids(), "CREATE STREAM bids -- " + "x".repeat(2 * 1024 * 1024));
            assertThatThrownBy(() -> catalog.create(huge)).isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("cannot record 'Bids' in the catalog");
            RelationDef badRetention = withOptions(bids(), Map.of("retention", "7 parsecs"));
            assertThatThrownBy(() -> catalog.create(badRetention)).hasMessageContaining("'7 parsecs' is not a duration");
            RelationDef badTopic = withTopic(bids(), "no/slashes");
            assertThatThrownBy(() -> catalog.create(badTopic)).hasMessageContaining("cannot create topic 'no/slashes'");
            assertThatThrownBy(() -> catalog.create(withTopic(users(), "other")))
                    .hasMessageContaining("table 'users' already exists");
            RelationDef sameTopic = new RelationDef("users2", RelationKind.TABLE, users().columns(), List.of(0),
                    Optional.empty(), users().storage(), Map.of(), "CREATE TABLE users2 ...");
            assertThatThrownBy(() -> catalog.create(sameTopic)).hasMessageContaining("topic 'users' already stores table 'users'");

            assertThat(store.listTopics()).isEqualTo(topicsBefore);
            assertThat(store.logEndOffset(new TopicPartition(CatalogStore.TOPIC, 0))).isEqualTo(eventsBefore);
            assertThat(catalog.all()).containsExactly(users());
        }
        try (EmbeddedLogStore store = openStore(dir)) {
            assertThat(CatalogStore.open(store).all()).containsExactly(users());
        }
    }

    @Test
    void anExistingTopicIsTakenOverWhenItsLayoutFitsAndRefusedUnchangedWhenNot() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore catalog = CatalogStore.open(store);
            store.createTopic("bids", TopicConfig.ofPartitions(4).with("retention.ms", "1000"));
            catalog.create(bids()); // empty (a crashed create's leftover): gets the stream's settings
            assertThat(store.describeTopic("bids").config().retentionMs()).isEqualTo(7L * 24 * 3600 * 1000);

            TopicConfig compacted = TopicConfig.ofPartitions(2).with("cleanup.policy", "compact");
            store.createTopic("users", compacted.with("retention.ms", "-1"));
            store.send("users", List.of(Record.of("k", "v")));
            catalog.create(users()); // holds records: adopted as it is
            assertThat(store.describeTopic("users").config().retentionMs()).isEqualTo(-1);
            assertThat(store.logEndOffset(new TopicPartition("users", 0)) + store.logEndOffset(new TopicPartition("users", 1)))
                    .isEqualTo(1);

            RelationDef other = new RelationDef("others", RelationKind.STREAM, Relations.bidColumns(), List.of(),
                    Optional.empty(), new StorageSpec("others", 2, Format.JSON, List.of(), null), Map.of(), "CREATE ...");
            store.createTopic("others", compacted);
            long eventsBefore = store.logEndOffset(new TopicPartition(CatalogStore.TOPIC, 0));
            assertThatThrownBy(() -> catalog.create(other)).hasMessageContaining(
                    "topic 'others' already exists with cleanup.policy 'compact', expected 'delete' for stream 'others'");
            assertThat(store.describeTopic("others").config().cleanupPolicy().configName()).isEqualTo("compact");
            assertThat(store.logEndOffset(new TopicPartition(CatalogStore.TOPIC, 0))).isEqualTo(eventsBefore);
            assertThat(catalog.find("others")).isEmpty();
        }
    }

    @Test
    void unreadableEventsStopTheOpenWithTheirPosition() {
        try (EmbeddedLogStore store = openStore(dir)) {
            CatalogStore.open(store);
            store.append(new TopicPartition(CatalogStore.TOPIC, 0), List.of(Record.of("bids", "{\"version\": 9}")));
        }
        try (EmbeddedLogStore store = openStore(dir)) {
            assertThatThrownBy(() -> CatalogStore.open(store)).hasMessageContaining("__catalog-0@0")
                    .hasMessageContaining("newer");
        }
    }

    static RelationDef withSql(RelationDef r, String sql) {
        return new RelationDef(r.name(), r.kind(), r.columns(), r.primaryKey(), r.watermark(), r.storage(), r.options(), sql);
    }

    static RelationDef withOptions(RelationDef r, Map<String, String> options) {
        return new RelationDef(r.name(), r.kind(), r.columns(), r.primaryKey(), r.watermark(), r.storage(), options, r.sql());
    }

    static RelationDef withTopic(RelationDef r, String topic) {
        StorageSpec s = r.storage();
        return new RelationDef(r.name(), r.kind(), r.columns(), r.primaryKey(), r.watermark(),
                new StorageSpec(topic, s.partitions(), s.format(), s.keyColumns(), s.deadLetterTopic()), r.options(), r.sql());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
