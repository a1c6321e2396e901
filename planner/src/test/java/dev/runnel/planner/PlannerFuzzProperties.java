package dev.runnel.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Statement;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The planner's promise to its callers: whatever statement it is given, the only thing that
 * escapes is a {@link RunnelSqlException} carrying a SQLSTATE and a script position. Statements are
 * random (grammar-built, or mutants of good ones; see {@link RandomSql}), parsed with Calcite as
 * the statement parser would, and planned under EXPLAIN so rendering is exercised too; text that
 * does not parse is skipped. A failure reports the SQL. A few hundred tries each, a few seconds.
 */
class PlannerFuzzProperties {
    private static final TestCatalog CATALOG = TestCatalog.standard();

    @Property(tries = 300)
    void generatedStatementsFailOnlyWithRunnelErrors(@ForAll long seed) {
        check(new RandomSql(seed).statement());
    }

    @Property(tries = 300)
    void mutatedStatementsFailOnlyWithRunnelErrors(@ForAll long seed) {
        check(new RandomSql(seed).mutant());
    }

    private static void check(String sql) {
        Statement explain;
        try {
            explain = TestStatements.explain(sql);
        } catch (IllegalArgumentException | ClassCastException notAStatement) {
            return; // does not parse, or parses to something that is not a query or INSERT
        }
        try {
            new StatementPlanner().plan(explain, CATALOG, Map.of());
        } catch (RunnelSqlException e) {
            assertThat(e.sqlState()).as(sql).isNotBlank();
            assertThat(e.position()).as(sql).isNotEqualTo(SourcePos.UNKNOWN);
        } catch (Throwable t) {
            throw new AssertionError("planning escaped with " + t + " for: " + sql, t);
        }
    }
}
