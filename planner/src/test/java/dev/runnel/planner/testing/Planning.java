package dev.runnel.planner.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.explain.ExplainWriter;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.statement.Statement;
import java.util.List;
import java.util.Map;

/** Shortcuts for planner tests: plan against {@link TestCatalog#standard()}, render, catch errors. */
public final class Planning {
    private Planning() {}

    public static PlannedStatement plan(Statement s) {
        return plan(s, TestCatalog.standard());
    }

    public static PlannedStatement plan(Statement s, CatalogView catalog) {
        return new StatementPlanner().plan(s, catalog, Map.of());
    }

    public static PlannedStatement.Query query(String sql) {
        return (PlannedStatement.Query) plan(TestStatements.query(sql));
    }

    public static PhysicalNode root(String sql) {
        return query(sql).root();
    }

    public static PlannedStatement.Insert insert(String sql) {
        return (PlannedStatement.Insert) plan(TestStatements.insert(sql));
    }

    /** The EXPLAIN lines of a query or INSERT. */
    public static List<String> explain(String sql) {
        return ((PlannedStatement.Explain) plan(TestStatements.explain(sql))).lines();
    }

    public static String tree(PhysicalNode root) {
        return String.join("\n", ExplainWriter.explain(root));
    }

    /** The error planning {@code s} raises; fails if it plans. */
    public static RunnelSqlException error(Statement s) {
        return error(s, TestCatalog.standard());
    }

    public static RunnelSqlException error(Statement s, CatalogView catalog) {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> plan(s, catalog));
        assertThat(e).as("planning should fail: " + s.text()).isNotNull();
        return e;
    }

    public static RunnelSqlException queryError(String sql) {
        return error(TestStatements.statement(sql));
    }
}
