package dev.runnel.planner.query;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.calcite.CalciteContext;
import dev.runnel.planner.calcite.LogicalPlanner;
import dev.runnel.planner.calcite.SqlBodies;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.error.CalciteErrors;
import dev.runnel.planner.error.OverPositions;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.translate.PhysicalTranslator;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.statement.QueryBody;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Plans a query: validates it against the catalog with Calcite, builds the logical plan and
 * translates it to physical records. {@code SELECT STREAM} is planned like {@code SELECT} and
 * marked unbounded. Stateless and thread-safe (Calcite objects are made per call).
 */
public final class QueryPlanner {
    private QueryPlanner() {}

    public static PlannedStatement.Query plan(QueryBody body, boolean stream, CatalogView catalog) {
        SqlNode fresh = SqlBodies.freshStatement(body);
        if (!fresh.isA(SqlKind.QUERY)) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "expected a query (SELECT, VALUES, WITH, ...)",
                    body.origin());
        }
        boolean unbounded = SqlBodies.stripStream(fresh) || stream;
        int parameters = SqlBodies.parameterCount(fresh);
        CalciteContext ctx = CalciteContext.create(catalog);
        LogicalPlanner.LogicalPlan plan =
                CalciteErrors.guard(() -> new LogicalPlanner(ctx).planQuery(fresh), body, catalog);
        PhysicalNode root = OverPositions.guard(() -> new PhysicalTranslator(ctx.rexBuilder())
                .translateRoot(plan.rel(), plan.fieldNames()), body);
        return new PlannedStatement.Query(root, unbounded, parameters);
    }
}
