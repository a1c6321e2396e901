package dev.runnel.planner.ddl;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.planner.testing.TestDdl;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Statement;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateRelationPlannerTest {

    private static RelationDef created(Statement s) {
        return ((PlannedStatement.CreateRelation) plan(s, TestCatalog.empty())).relation();
    }

    private static RunnelSqlException failure(Statement s) {
        return error(s, TestCatalog.empty());
    }

    @Test
    void streamFromTheSqlGuideGetsItsStorageWatermarkAndOptions() {
        RelationDef r = created(TestDdl.bids("bids").with("topic", "bids").with("partitions", "4")
                .with("format", "json").with("key", "auction").with("retention", "7 days").with("late", "drop")
                .stream());

        assertThat(r.kind()).isEqualTo(RelationKind.STREAM);
        assertThat(r.columns()).hasSize(7);
        assertThat(r.primaryKey()).isEmpty();
        assertThat(r.watermark()).contains(new WatermarkSpec(5, 4000));
        assertThat(r.storage()).isEqualTo(new StorageSpec("bids", 4, Format.JSON, List.of(0), "bids.dlq"));
        assertThat(r.options()).containsEntry("retention", "7 days").containsEntry("late", "drop");
        assertThat(r.sql()).startsWith("CREATE STREAM bids");
    }

    @Test
    void streamDefaultsAreItsNameOnePartitionColumnarNoKey() {
        RelationDef r = created(TestDdl.create("clicks").column("url", TypeKind.VARCHAR).stream());

        assertThat(r.storage()).isEqualTo(new StorageSpec("clicks", 1, Format.COLUMNAR, List.of(), "clicks.dlq"));
        assertThat(r.watermark()).isEmpty();
    }

    @Test
    void tableDefaultsToJsonAndIsKeyedByItsPrimaryKey() {
        RelationDef r = created(TestDdl.create("users").column("name", TypeKind.VARCHAR)
                .column("id", DataType.of(TypeKind.BIGINT).notNull()).primaryKey("ID").table());

        assertThat(r.kind()).isEqualTo(RelationKind.TABLE);
        assertThat(r.primaryKey()).containsExactly(1);
        assertThat(r.storage().format()).isEqualTo(Format.JSON);
        assertThat(r.storage().keyColumns()).containsExactly(1);
    }

    @Test
    void debeziumTableWithDecimalColumn() {
        RelationDef r = created(TestDdl.create("orders_cdc").column("id", TypeKind.BIGINT)
                .column("amount", DataType.decimal(10, 2)).column("status", TypeKind.VARCHAR).primaryKey("id")
                .with("topic", "orders").with("format", "debezium-json").table());

        assertThat(r.storage().topic()).isEqualTo("orders");
        assertThat(r.storage().deadLetterTopic()).isEqualTo("orders.dlq");
        assertThat(r.storage().format()).isEqualTo(Format.DEBEZIUM_JSON);
    }

    @Test
    void watermarkWithoutDelayAndInMinutes() {
        assertThat(created(TestDdl.bids("a").watermark("date_time", "date_time").stream()).watermark())
                .contains(new WatermarkSpec(5, 0));
        assertThat(created(TestDdl.bids("b").watermark("DATE_TIME", "Date_Time - INTERVAL '2' MINUTE").stream())
                .watermark()).contains(new WatermarkSpec(5, 120_000));
        assertThat(created(TestDdl.bids("c").watermark("date_time", "date_time - INTERVAL '1.5' SECOND").stream())
                .watermark()).contains(new WatermarkSpec(5, 1_500));
    }

    @Test
    void duplicateColumnIsReportedWhereItIsDeclared() {
        RunnelSqlException e = failure(TestDdl.create("s").column("a", TypeKind.INT).column("A", TypeKind.INT).stream());

        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.detail()).isEqualTo("duplicate column 'A'");
        assertThat(e.position()).isEqualTo(new SourcePos(3, 3));
    }

    @Test
    void metadataColumnNamesAreReserved() {
        RunnelSqlException e = failure(TestDdl.create("s").column("_offset", TypeKind.BIGINT).stream());

        assertThat(e.detail()).contains("'_offset' is reserved").contains("_partition, _offset, _timestamp, _append_time");
    }

    @Test
    void tableNeedsAPrimaryKeyThatNamesItsColumns() {
        assertThat(failure(TestDdl.create("t").column("id", TypeKind.INT).table()).detail())
                .startsWith("a TABLE needs a PRIMARY KEY");
        RunnelSqlException unknown = failure(TestDdl.create("t").column("id", TypeKind.INT).primaryKey("idd").table());
        assertThat(unknown.sqlState()).isEqualTo("42S22");
        assertThat(unknown.detail()).isEqualTo("unknown column 'idd' in PRIMARY KEY (did you mean 'id'?)");
    }

    @Test
    void watermarkColumnMustExistAndBeATimestamp() {
        RunnelSqlException unknown = failure(TestDdl.bids("s").watermark("date_tim", "date_tim").stream());
        assertThat(unknown.sqlState()).isEqualTo("42S22");
        assertThat(unknown.detail()).isEqualTo("unknown column 'date_tim' in WATERMARK FOR (did you mean 'date_time'?)");
        assertThat(unknown.position()).isEqualTo(new SourcePos(9, 3));

        RunnelSqlException wrongType = failure(TestDdl.bids("s").watermark("price", "price").stream());
        assertThat(wrongType.sqlState()).isEqualTo("42804");
        assertThat(wrongType.detail()).isEqualTo("the WATERMARK column 'price' must be a TIMESTAMP, not BIGINT");
    }

    @Test
    void watermarkExpressionOtherThanColumnMinusIntervalIsNotSupported() {
        RunnelSqlException e = failure(TestDdl.bids("s").watermark("date_time", "date_time + INTERVAL '4' SECOND")
                .stream());
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).contains("date_time - INTERVAL 'n' SECOND").endsWith("is not supported yet");
        assertThat(e.position()).isEqualTo(new SourcePos(9, 30));

        RunnelSqlException months = failure(TestDdl.bids("s").watermark("date_time", "date_time - INTERVAL '1' MONTH")
                .stream());
        assertThat(months.sqlState()).isEqualTo("0A000");
        assertThat(months.position()).isEqualTo(new SourcePos(9, 42));
    }

    @Test
    void unknownOptionListsTheKnownOnes() {
        RunnelSqlException e = failure(TestDdl.bids("s").with("partitons", "4").stream());

        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.detail()).isEqualTo("unknown option 'partitons' (did you mean 'partitions'?); known options: "
                + "topic, partitions, replication, format, key, retention, late, allowed_lateness, late_target, idle_timeout");
        assertThat(e.position()).isEqualTo(new SourcePos(1, 1));
    }

    @Test
    void badOptionValuesSayWhatIsExpected() {
        assertThat(failure(TestDdl.bids("s").with("partitions", "0").stream()).detail())
                .isEqualTo("invalid value '0' for partitions: expected a whole number from 1 to 10000");
        assertThat(failure(TestDdl.bids("s").with("format", "avro").stream()).detail())
                .isEqualTo("invalid value 'avro' for format: expected columnar, json, csv, debezium-json");
        assertThat(failure(TestDdl.bids("s").with("retention", "a week").stream()).detail())
                .startsWith("invalid value 'a week' for retention: expected a duration such as '7 days'");
        assertThat(failure(TestDdl.bids("s").with("idle_timeout", "5").stream()).detail())
                .startsWith("invalid value '5' for idle_timeout");
        assertThat(failure(TestDdl.bids("s").with("late", "ignore").stream()).detail())
                .isEqualTo("invalid value 'ignore' for late: expected 'drop', 'update' or 'route'");
        assertThat(failure(TestDdl.bids("s").with("topic", "a/b").stream()).detail())
                .startsWith("invalid value 'a/b' for topic");
    }

    @Test
    void latePoliciesTakeOnlyTheirOwnOptions() {
        RelationDef route = created(TestDdl.bids("s").with("late", "route").with("late_target", "s_late").stream());
        assertThat(LateOptions.policy(route)).isEqualTo(new LatePolicy(LatePolicy.Kind.ROUTE, 0, "s_late"));
        RelationDef update = created(TestDdl.bids("s").with("late", "UPDATE").with("allowed_lateness", "1 min")
                .stream());
        assertThat(LateOptions.policy(update)).isEqualTo(new LatePolicy(LatePolicy.Kind.UPDATE, 60_000, null));
        assertThat(LateOptions.policy(created(TestDdl.bids("s").stream()))).isEqualTo(LatePolicy.DROP);

        assertThat(failure(TestDdl.bids("s").with("late", "route").stream()).detail())
                .isEqualTo("late = 'route' needs late_target: the stream late rows are appended to");
        assertThat(failure(TestDdl.bids("s").with("late_target", "x").stream()).detail())
                .isEqualTo("late_target applies to late = 'route' only (late is 'drop')");
        assertThat(failure(TestDdl.bids("s").with("late", "drop").with("allowed_lateness", "5 s").stream()).detail())
                .isEqualTo("allowed_lateness applies to late = 'update' only (late is 'drop')");
        assertThat(failure(TestDdl.bids("s").with("late", "route").with("late_target", "S").stream()).detail())
                .isEqualTo("late_target cannot be the stream itself: late rows would count again");
        assertThat(failure(TestDdl.bids("s").with("late", "route").with("late_target", "a-b").stream()).detail())
                .isEqualTo("invalid value 'a-b' for late_target: expected the name of a stream");
    }

    @Test
    void aNameThatCannotBeATopicAsksForATopicOption() {
        assertThat(failure(TestDdl.bids("my bids").stream()).detail()).isEqualTo("the topic is named after the stream,"
                + " but 'my bids' is not a topic name (1 to 240 letters, digits, '.', '_' or '-' (and not '.' or '..')):"
                + " give one with WITH (topic = '...')");
    }

    @Test
    void columnarIsForStreamsOnly() {
        RunnelSqlException e = failure(TestDdl.create("t").column("id", TypeKind.INT).primaryKey("id")
                .with("format", "columnar").table());

        assertThat(e.detail()).isEqualTo("format 'columnar' is for streams: a TABLE is stored as json, csv or debezium-json");
    }

    @Test
    void keyOptionNamesColumnsOfAStreamAndMustBeThePrimaryKeyOfATable() {
        assertThat(created(TestDdl.bids("s").with("key", "bidder, auction").stream()).storage().keyColumns())
                .containsExactly(1, 0);
        assertThat(failure(TestDdl.bids("s").with("key", "auctoin").stream()).detail())
                .isEqualTo("unknown column 'auctoin' in key (did you mean 'auction'?)");
        assertThat(created(TestDdl.create("t").column("id", TypeKind.INT).primaryKey("id").with("key", "id").table())
                .storage().keyColumns()).containsExactly(0);
        assertThat(failure(TestDdl.create("t").column("id", TypeKind.INT).column("x", TypeKind.INT).primaryKey("id")
                .with("key", "x").table()).detail())
                .isEqualTo("a TABLE's key is its PRIMARY KEY (id): leave out key or write key = 'id'");
    }

    @Test
    void existingNameIsAnErrorUnlessIfNotExists() {
        RunnelSqlException e = error(TestDdl.bids("BIDS").stream(), TestCatalog.standard());
        assertThat(e.sqlState()).isEqualTo("42S01");
        assertThat(e.detail()).isEqualTo("a stream 'bids' already exists (use CREATE STREAM IF NOT EXISTS to skip it)");

        PlannedStatement.CreateRelation skip =
                (PlannedStatement.CreateRelation) plan(TestDdl.bids("bids").ifNotExists().stream(), TestCatalog.standard());
        assertThat(skip.ifNotExists()).isTrue();
        assertThat(skip.relation().name()).isEqualTo("bids");
    }

    @Test
    void aTableNameClashesWithAStream() {
        RunnelSqlException e = error(TestDdl.create("bids").column("id", TypeKind.INT).primaryKey("id").table(),
                TestCatalog.standard());

        assertThat(e.sqlState()).isEqualTo("42S01");
        assertThat(e.detail()).startsWith("a stream 'bids' already exists");
    }

    @Test
    void planningDoesNotNeedOrChangeTheCatalogEntry() {
        TestCatalog catalog = TestCatalog.empty();
        plan(TestDdl.bids("bids").stream(), catalog);
        assertThat(catalog.find("bids")).isEqualTo(Optional.empty());
    }
}
