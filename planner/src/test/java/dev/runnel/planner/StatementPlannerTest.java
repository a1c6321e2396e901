package dev.runnel.planner;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.testing.Planning;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.planner.testing.TestDdl;
import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Copy;
import dev.runnel.sql.statement.CreateMaterializedView;
import dev.runnel.sql.statement.Describe;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.Explain;
import dev.runnel.sql.statement.ObjectKind;
import dev.runnel.sql.statement.SetOption;
import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.ShowKind;
import dev.runnel.sql.statement.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatementPlannerTest {
    private static final SourcePos POS = new SourcePos(7, 1);

    private static CreateMaterializedView view(String query) {
        return new CreateMaterializedView("auction_counts", Map.of(), TestStatements.body(query, new SourcePos(7, 35)),
                false, POS, "CREATE MATERIALIZED VIEW auction_counts AS " + query);
    }

    /** Java 17 has no pattern switch: this pins that every Statement record is dispatched. */
    @Test
    void everyStatementRecordIsPlanned() {
        List<Statement> samples = List.of(TestDdl.bids("b2").stream(),
                TestDdl.create("t2").column("id", dev.runnel.sql.type.TypeKind.INT).primaryKey("id").table(),
                view("SELECT auction, COUNT(*) AS bids FROM bids GROUP BY auction"),
                new Drop(ObjectKind.STREAM, "bids", false, false, POS, "DROP STREAM bids"),
                new dev.runnel.sql.statement.CreateJob("j", TestStatements.insert("INSERT INTO big_bids SELECT * FROM bids"),
                        false, POS, "CREATE JOB j AS INSERT INTO big_bids SELECT * FROM bids"),
                new dev.runnel.sql.statement.StopJob("j", POS, "STOP JOB j"),
                new dev.runnel.sql.StatementParser().parse("CREATE SEARCH s ON bids WHERE price > 10"),
                new Show(ShowKind.STREAMS, POS, "SHOW STREAMS"),
                new Describe("bids", false, POS, "DESCRIBE bids"),
                TestStatements.explain("SELECT * FROM bids"),
                new SetOption("parallelism", "2", POS, "SET parallelism = 2"),
                TestStatements.insert("INSERT INTO big_bids SELECT * FROM bids"),
                new Copy("bids", "bids.csv", Map.of(), POS, "COPY bids FROM 'bids.csv'"),
                TestStatements.query("SELECT 1"));

        Set<Class<?>> covered = samples.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(Statement.class.getPermittedSubclasses());
        for (Statement s : samples) {
            try {
                assertThat(plan(s)).as(s.text()).isNotNull();
            } catch (RunnelSqlException e) {
                assertThat(e.sqlState()).as(s.text()).isEqualTo("0A000"); // nothing, for now
            }
        }
    }

    @Test
    void aMaterializedViewIsKeyedByItsQuerysUniqueKeyAndItsQueryIsCheckedFirst() {
        PlannedStatement.CreateView grouped = (PlannedStatement.CreateView) plan(
                view("SELECT auction, COUNT(*) AS bids FROM bids GROUP BY auction"));
        assertThat(grouped.view().primaryKey()).containsExactly(0);
        assertThat(grouped.view().columns()).extracting(c -> c.name()).containsExactly("auction", "bids");
        assertThat(grouped.reads()).containsExactly("bids");
        PlannedStatement.CreateView filtered = (PlannedStatement.CreateView) plan(
                view("SELECT auction, price FROM bids WHERE price > 10"));
        assertThat(filtered.view().primaryKey()).isEmpty(); // kept as whole rows

        RunnelSqlException unnamed = error(view("SELECT auction, COUNT(*) FROM bids GROUP BY auction"));
        assertThat(unnamed.sqlState()).isEqualTo("42000");
        assertThat(unnamed.detail()).contains("column 2 of the view has no name");

        RunnelSqlException bad = error(view("SELECT auctoin FROM bids"));
        assertThat(bad.sqlState()).isEqualTo("42S22");
        assertThat(bad.position()).isEqualTo(new SourcePos(7, 42));
    }

    @Test
    void explainShowsThePlanOfAQueryOrInsert() {
        assertThat(Planning.explain("INSERT INTO big_bids SELECT * FROM bids WHERE price > 1000")).containsExactly(
                "Insert[big_bids] (topic big_bids, 1 partition, json)",
                "  Filter[price > 1000]  -- append-only; stateless",
                "    Scan[bids: auction, bidder, price, channel, url, date_time, extra] (topic bids, 4 partitions, columnar)"
                        + "  -- append-only; watermark date_time - INTERVAL '4' SECOND; stateless");
    }

    @Test
    void explainAnalyzeAndExplainOfDdlAreNotSupportedYet() {
        Explain analyze = new Explain(TestStatements.query("SELECT * FROM bids"), true, POS, "EXPLAIN ANALYZE ...");
        assertThat(error(analyze).detail()).isEqualTo("EXPLAIN ANALYZE is not supported yet");

        Explain ddl = new Explain(new Show(ShowKind.TABLES, POS, "SHOW TABLES"), false, POS, "EXPLAIN SHOW TABLES");
        assertThat(error(ddl).sqlState()).isEqualTo("0A000");
    }

    @Test
    void unexpectedFailuresBecomeInternalErrorsAtTheStatement() {
        CatalogView broken = new CatalogView() {
            @Override
            public Optional<RelationDef> find(String name) {
                throw new IllegalStateException("catalog snapshot closed");
            }

            @Override
            public Collection<RelationDef> all() {
                throw new IllegalStateException("catalog snapshot closed");
            }
        };
        RunnelSqlException e = error(new Describe("bids", false, POS, "DESCRIBE bids"), broken);

        assertThat(e.sqlState()).isEqualTo("XX000");
        assertThat(e.detail()).contains("catalog snapshot closed");
        assertThat(e.position()).isEqualTo(POS);
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void planningReadsButNeverChangesTheCatalog() {
        TestCatalog catalog = TestCatalog.standard();
        List<String> before = catalog.all().stream().map(RelationDef::name).toList();
        plan(new Drop(ObjectKind.STREAM, "bids", false, false, POS, "DROP STREAM bids"), catalog);
        assertThat(catalog.all().stream().map(RelationDef::name).toList()).isEqualTo(before);
    }
}
