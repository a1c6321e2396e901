package dev.runnel.planner.calcite;

import dev.runnel.planner.error.Unsupported;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;

/**
 * Validates a statement tree with Calcite and turns it into a small, deterministic logical plan:
 *
 * <ol>
 *   <li>rewrite SESSION's PARTITION BY and the legacy window ends
 *       ({@link WindowTableFunction#rewritePartitionBy}, {@link LegacyGroupWindows#rewriteEnds});
 *   <li>validate, convert to RelNode with subqueries kept as {@code RexSubQuery};
 *   <li>subqueries to correlates ({@code FILTER/PROJECT/JOIN_SUB_QUERY_TO_CORRELATE}), then
 *       {@link RelDecorrelator} turns correlates into joins and aggregates where it can (where it
 *       needs a window function, for a correlated LIMIT, the subquery is not supported yet);
 *   <li>clean-up: {@code FILTER_INTO_JOIN}, {@code FILTER_PROJECT_TRANSPOSE}, {@code PROJECT_MERGE},
 *       {@code PROJECT_REMOVE};
 *   <li>legacy group windows ({@code GROUP BY TUMBLE(ts, ...)}) become window table functions
 *       ({@link GroupWindowRewriter}), whose checks ran during validation;
 *   <li>{@link RelFieldTrimmer} drops unused columns, leaving a field-only Project above each scan,
 *       which the physical translator folds into the scan.
 * </ol>
 *
 * Calcite's errors (mostly {@code CalciteContextException}) escape for the caller to map. Not
 * thread-safe (uses the statement's context).
 */
public final class LogicalPlanner {
    private static final List<RelOptRule> SUBQUERY_RULES = List.of(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
            CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE, CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);
    /**
     * After decorrelation. JOIN_PUSH_EXPRESSIONS computes the sides of an equality between
     * expressions ({@code MOD(b.auction, 10000) = s.key}) in projections below the join, so the join
     * hashes on them instead of comparing every pair (Nexmark q13 went from minutes to under a second).
     */
    private static final List<RelOptRule> CLEANUP_RULES = List.of(CoreRules.FILTER_INTO_JOIN,
            joinPushExpressions(), CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE);

    /** Not for a temporal join as of event time: its right side must stay the table whose versions it reads. */
    /**
     * INTERSECT and EXCEPT (their distinct forms) become an aggregate over the union of their inputs,
     * each input counted in its own column, and a filter on the counts (Calcite's rules); they then run
     * wherever UNION ALL and GROUP BY run, continuous queries included. The ALL forms stay as they are,
     * and are refused with 0A000.
     */
    private static final List<RelOptRule> SET_OPERATION_RULES = List.of(CoreRules.INTERSECT_TO_DISTINCT,
            CoreRules.MINUS_TO_DISTINCT);

    private static RelOptRule joinPushExpressions() {
        return org.apache.calcite.rel.rules.JoinPushExpressionsRule.Config.DEFAULT
                .withOperandSupplier(b -> b.operand(org.apache.calcite.rel.logical.LogicalJoin.class)
                        .predicate(j -> !TemporalJoins.asOfEventTime(j)).anyInputs())
                .as(org.apache.calcite.rel.rules.JoinPushExpressionsRule.Config.class)
                .toRule();
    }

    private final CalciteContext ctx;

    public LogicalPlanner(CalciteContext ctx) {
        this.ctx = ctx;
    }

    /** A logical plan and the names of its output columns as the query spelled them. */
    public record LogicalPlan(RelNode rel, List<String> fieldNames) {
        public LogicalPlan {
            fieldNames = List.copyOf(fieldNames);
        }
    }

    /** Plans a query (SELECT, VALUES, set operations, WITH, ORDER BY), STREAM keywords already stripped. */
    public LogicalPlan planQuery(SqlNode fresh) {
        WindowTableFunction.rewritePartitionBy(fresh);
        LegacyGroupWindows.rewriteEnds(fresh);
        SqlNode validated = ctx.validate(fresh);
        RelRoot root = ctx.converter().convertQuery(validated, false, true);
        return new LogicalPlan(optimize(root.project()), root.validatedRowType.getFieldNames());
    }

    /**
     * Plans an INSERT whose target identifier already names the payload-only view of the target
     * (see {@link CatalogSchema#insertTargetName}); returns the plan of the rows to write, one
     * column per target payload column (omitted columns are NULL).
     */
    public LogicalPlan planInsertSource(SqlInsert fresh) {
        WindowTableFunction.rewritePartitionBy(fresh);
        LegacyGroupWindows.rewriteEnds(fresh);
        SqlNode validated = ctx.validate(fresh);
        RelRoot root = ctx.converter().convertQuery(validated, false, true);
        RelNode source = root.rel instanceof TableModify modify ? modify.getInput() : root.rel;
        return new LogicalPlan(optimize(source), source.getRowType().getFieldNames());
    }

    private RelNode optimize(RelNode rel) {
        RelNode r = hep(TemporalJoins.rewrite(rel, ctx.relBuilder().getRexBuilder()), SUBQUERY_RULES);
        boolean hadOver = containsOver(r);
        r = RelDecorrelator.decorrelateQuery(r, ctx.relBuilder());
        if (!hadOver && containsOver(r)) {
            // the decorrelator rewrites a correlated LIMIT into ROW_NUMBER() OVER (...), which Runnel cannot run yet
            throw Unsupported.subquery();
        }
        r = hep(r, CLEANUP_RULES);
        r = GroupWindowRewriter.rewrite(r);
        r = VarianceRewriter.rewrite(r);
        r = hep(r, SET_OPERATION_RULES);
        return new RelFieldTrimmer(null, ctx.relBuilder()).trim(r);
    }

    private static boolean containsOver(RelNode rel) {
        if (rel instanceof Project p && RexOver.containsOver(p.getProjects(), null)) {
            return true;
        }
        return rel.getInputs().stream().anyMatch(LogicalPlanner::containsOver);
    }

    private static RelNode hep(RelNode rel, List<RelOptRule> rules) {
        HepProgramBuilder program = new HepProgramBuilder().addMatchOrder(HepMatchOrder.DEPTH_FIRST);
        program.addRuleCollection(rules);
        HepPlanner planner = new HepPlanner(program.build());
        planner.setRoot(rel);
        return planner.findBestExp();
    }
}
