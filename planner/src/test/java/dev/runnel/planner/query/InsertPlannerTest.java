package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.insert;
import static dev.runnel.planner.testing.Planning.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.testing.Planning;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsertPlannerTest {

    private static void assertProducesPayloadOf(PlannedStatement.Insert insert) {
        assertThat(insert.source().schema().columns()).extracting(Column::name)
                .containsExactlyElementsOf(insert.target().columns().stream().map(Column::name).toList());
        for (int i = 0; i < insert.target().columns().size(); i++) {
            assertThat(insert.source().schema().get(i).type().kind())
                    .isEqualTo(insert.target().columns().get(i).type().kind());
        }
    }

    @Test
    void insertValuesFromTheSqlGuideIsOneRowInColumnTypes() {
        PlannedStatement.Insert p = insert(
                "INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '')");

        assertThat(p.target()).isEqualTo(TestCatalog.standard().get("bids"));
        assertThat(p.parameterCount()).isZero();
        assertProducesPayloadOf(p);
        assertThat(p.source()).isInstanceOf(ValuesNode.class);
        assertThat(((ValuesNode) p.source()).rows()).containsExactly(List.of(1L, 7L, 100L, "web", "http://x",
                Instant.parse("2026-01-01T00:00:01Z").toEpochMilli(), ""));
    }

    @Test
    void insertSelectStarCopiesPayloadColumnsOnly() {
        PlannedStatement.Insert p = insert("INSERT INTO big_bids SELECT * FROM bids WHERE price > 10");

        assertProducesPayloadOf(p);
        assertThat(tree(p.source())).isEqualTo("""
                Filter[price > 10]
                  Scan[bids: auction, bidder, price, channel, url, date_time, extra] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void omittedColumnsAreNullAndParametersAreCounted() {
        PlannedStatement.Insert p = insert("INSERT INTO bids (price, auction) VALUES (?, ?)");

        assertThat(p.parameterCount()).isEqualTo(2);
        assertProducesPayloadOf(p);
        assertThat(tree(p.source())).isEqualTo("""
                Project[?2 AS auction, NULL AS bidder, ?1 AS price, NULL AS channel, NULL AS url, NULL AS date_time, NULL AS extra]
                  Values[ZERO: (0)]""");
    }

    @Test
    void valuesAreConvertedToTheColumnTypes() {
        PlannedStatement.Insert p = insert("INSERT INTO orders VALUES (1, 5, 'new', 2), (2, 7.125, NULL, 3)");

        assertProducesPayloadOf(p);
        List<List<Object>> rows = ((ValuesNode) p.source()).rows();
        assertThat(rows.get(0)).containsExactly(1L, new BigDecimal("5.00"), "new", 2L);
        assertThat(rows.get(1)).isEqualTo(Arrays.asList(2L, new BigDecimal("7.13"), null, 3L));
    }

    @Test
    void selectedColumnsAreCastToTheTargetTypes() {
        PlannedStatement.Insert p = insert("INSERT INTO orders SELECT auction, price, channel, bidder FROM bids");

        assertProducesPayloadOf(p);
        assertThat(tree(p.source())).isEqualTo("""
                Project[auction AS id, CAST(price AS DECIMAL(10, 2)) AS amount, channel AS status, bidder AS user_id]
                  Scan[bids: auction, price, channel, bidder] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void insertSelectStreamIsPlannedAsAJob() {
        PlannedStatement p = Planning.plan(TestStatements.insert("INSERT INTO big_bids SELECT STREAM * FROM bids"));
        assertThat(p).isInstanceOf(PlannedStatement.CreateJob.class);
        PlannedStatement.CreateJob job = (PlannedStatement.CreateJob) p;
        assertThat(job.name()).isNull();
        assertThat(job.scanStart()).isEqualTo("earliest");
        assertThat(job.sql()).isEqualTo("INSERT INTO big_bids SELECT STREAM * FROM bids");
        assertProducesPayloadOf(job.insert());
    }

    @Test
    void unknownTargetIsReportedAtItsName() {
        RunnelSqlException e = error(TestStatements.statementAt("INSERT INTO bidz VALUES (1)", new SourcePos(2, 1)));

        assertThat(e.sqlState()).isEqualTo("42S02");
        assertThat(e.detail()).isEqualTo("unknown stream or table 'bidz' (did you mean 'bids'?)");
        assertThat(e.position()).isEqualTo(new SourcePos(2, 13));
    }

    @Test
    void materializedViewsTakeNoInserts() {
        RelationDef view = TestCatalog.standard().get("users");
        TestCatalog catalog = TestCatalog.standard().with(new RelationDef("counts",
                dev.runnel.planner.catalog.RelationKind.MATERIALIZED_VIEW, view.columns(), view.primaryKey(),
                view.watermark(), view.storage(), view.options(), "CREATE MATERIALIZED VIEW counts AS ..."));

        RunnelSqlException e = error(TestStatements.insert("INSERT INTO counts VALUES (1, 'a', 'b')"), catalog);
        assertThat(e.detail()).isEqualTo("cannot INSERT INTO materialized view 'counts': only streams and tables take inserts");
    }

    @Test
    void wrongColumnCountAndTypesAreReported() {
        RunnelSqlException count = error(TestStatements.insert("INSERT INTO bids VALUES (1, 2)"));
        assertThat(count.sqlState()).isEqualTo("42000");
        assertThat(count.detail()).isEqualTo("the INSERT target has 7 columns but the query produces 2");

        RunnelSqlException type = error(TestStatements.insert("INSERT INTO users (id, name) VALUES ('x', 'y')"));
        assertThat(type.sqlState()).isEqualTo("42804");
        assertThat(type.detail()).startsWith("column 'id' is BIGINT but the value written to it is VARCHAR(1)");

        RunnelSqlException column = error(TestStatements.insert("INSERT INTO users (id, nmae) VALUES (1, 'y')"));
        assertThat(column.sqlState()).isEqualTo("42S22");
        assertThat(column.detail()).isEqualTo("unknown column 'nmae' (did you mean 'name'?)");
    }

    @Test
    void metadataColumnsAreNotWritable() {
        RunnelSqlException e = error(TestStatements.insert("INSERT INTO bids (auction, _offset) VALUES (1, 2)"));
        assertThat(e.sqlState()).isEqualTo("42S22");
    }
}
