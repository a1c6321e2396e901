package dev.runnel.planner.ddl;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.calcite.CalciteContext;
import dev.runnel.planner.calcite.LogicalPlanner;
import dev.runnel.planner.calcite.SqlBodies;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.error.CalciteErrors;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.OverPositions;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.planner.translate.PhysicalTranslator;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.statement.CreateSearch;
import dev.runnel.sql.statement.QueryBody;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Plans {@code CREATE SEARCH name ON stream WHERE condition}: the stream must exist and be a
 * STREAM; the condition is validated by Calcite as the WHERE of {@code SELECT * FROM stream}, so
 * unknown columns, wrong types and unknown functions fail as they would in a query, positioned in
 * the condition. The result is the condition as an {@link Expr} over the stream's
 * {@link RelationDef#fullRow() full row} (payload columns, then metadata columns). Stateless.
 */
public final class CreateSearchPlanner {
    private CreateSearchPlanner() {}

    public static PlannedStatement.CreateSearch plan(CreateSearch s, CatalogView catalog) {
        RelationDef stream = catalog.find(s.stream()).orElseThrow(() -> new RunnelSqlException(
                SqlState.UNKNOWN_RELATION, "unknown stream '" + s.stream() + "' in CREATE SEARCH" + DidYouMean.suffix(
                        s.stream(), catalog.all().stream().filter(r -> r.kind() == RelationKind.STREAM)
                                .map(RelationDef::name).toList()), s.pos()));
        if (stream.kind() != RelationKind.STREAM) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "a search runs over the new events of a STREAM; '"
                    + stream.name() + "' is " + CreateRelationPlanner.describe(stream.kind()), s.pos());
        }
        QueryBody condition = s.condition();
        SqlSelect select;
        try {
            String quoted = "\"" + stream.name().replace("\"", "\"\"") + "\"";
            select = (SqlSelect) SqlParser.create("SELECT * FROM " + quoted + " WHERE TRUE", SqlBodies.parserConfig())
                    .parseQuery();
        } catch (SqlParseException e) {
            throw new IllegalStateException(e);
        }
        select.setWhere(SqlBodies.freshExpression(condition));
        CalciteContext ctx = CalciteContext.create(catalog);
        LogicalPlanner.LogicalPlan plan = CalciteErrors.guard(() -> new LogicalPlanner(ctx).planQuery(select),
                condition, catalog);
        PhysicalNode root = OverPositions.guard(() -> new PhysicalTranslator(ctx.rexBuilder())
                .translateRoot(plan.rel(), plan.fieldNames()), condition);
        Expr expr = conditionOf(root, condition);
        return new PlannedStatement.CreateSearch(s.name(), stream, expr, condition.sql().strip(), s.text(),
                s.ifNotExists());
    }

    /** The filter condition of {@code SELECT * FROM stream WHERE ...}, over the stream's full row. */
    private static Expr conditionOf(PhysicalNode root, QueryBody condition) {
        PhysicalNode node = root instanceof ProjectNode p ? p.input() : root;
        DataType bool = DataType.of(TypeKind.BOOLEAN);
        if (node instanceof ValuesNode) { // the condition is never TRUE
            return new Literal(false, bool);
        }
        if (node instanceof ScanNode) { // the condition is always TRUE
            return new Literal(true, bool);
        }
        if (node instanceof FilterNode f && f.input() instanceof ScanNode scan) {
            return remap(f.condition(), scan.columns(), condition);
        }
        throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "a search condition compares the event's own columns"
                + " with values; subqueries are not supported in CREATE SEARCH", condition.origin());
    }

    private static Expr remap(Expr e, List<Integer> columns, QueryBody condition) {
        if (e instanceof InputRef r) {
            return new InputRef(columns.get(r.index()), r.type());
        }
        if (e instanceof Call c) {
            return new Call(c.op(), c.operands().stream().map(o -> remap(o, columns, condition)).toList(), c.type());
        }
        if (e instanceof DynamicParam) {
            throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "a search cannot take parameters (?): write the"
                    + " values into the condition", condition.origin());
        }
        return e;
    }
}
