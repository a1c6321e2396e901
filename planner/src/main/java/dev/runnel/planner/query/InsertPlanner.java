package dev.runnel.planner.query;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.calcite.CalciteContext;
import dev.runnel.planner.calcite.CatalogSchema;
import dev.runnel.planner.calcite.LogicalPlanner;
import dev.runnel.planner.calcite.SqlBodies;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.error.CalciteErrors;
import dev.runnel.planner.error.OverPositions;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.translate.Coercions;
import dev.runnel.planner.translate.Exprs;
import dev.runnel.planner.translate.PhysicalTranslator;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Insert;
import dev.runnel.sql.statement.QueryBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Plans {@code INSERT INTO target [(columns)] VALUES ... | query}. The target must be a STREAM or
 * TABLE; Calcite validates the source against the target's payload columns (metadata columns are
 * not writable), fills omitted columns with NULL and checks assignability; this class then makes
 * the source produce exactly the target's payload columns, in order, named and typed as declared
 * (CASTs where types differ). Stateless and thread-safe.
 */
public final class InsertPlanner {
    private InsertPlanner() {}

    public static PlannedStatement.Insert plan(Insert stmt, CatalogView catalog) {
        QueryBody body = stmt.body();
        SqlNode fresh = SqlBodies.freshStatement(body);
        if (!(fresh instanceof SqlInsert insert) || !(insert.getTargetTable() instanceof SqlIdentifier target)) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "expected INSERT INTO name [(columns)] VALUES ... or INSERT INTO name SELECT ...", body.origin());
        }
        RelationDef relation = resolveTarget(target, body, catalog);
        insert.setOperand(1, new SqlIdentifier(CatalogSchema.insertTargetName(relation.name()),
                target.getParserPosition()));
        SqlBodies.stripStream(insert);
        int parameters = SqlBodies.parameterCount(insert);
        CalciteContext ctx = CalciteContext.create(catalog);
        LogicalPlanner.LogicalPlan plan =
                CalciteErrors.guard(() -> new LogicalPlanner(ctx).planInsertSource(insert), body, catalog);
        PhysicalNode source = OverPositions.guard(() -> new PhysicalTranslator(ctx.rexBuilder()).translate(plan.rel()),
                body);
        return new PlannedStatement.Insert(relation, conform(source, relation.columns()), parameters);
    }

    /** True for {@code INSERT INTO t SELECT STREAM ...}: the insert runs on as a job. */
    public static boolean isContinuous(Insert stmt) {
        SqlNode fresh = SqlBodies.freshStatement(stmt.body());
        return fresh instanceof SqlInsert insert && SqlBodies.stripStream(insert.getSource());
    }

    private static RelationDef resolveTarget(SqlIdentifier target, QueryBody body, CatalogView catalog) {
        String name = target.names.get(target.names.size() - 1);
        SourcePos pos = body.toScript(position(target.getParserPosition()));
        RelationDef relation = catalog.find(name).orElseThrow(() -> new RunnelSqlException(SqlState.UNKNOWN_RELATION,
                "unknown stream or table '" + name + "'"
                        + DidYouMean.suffix(name, catalog.all().stream().map(RelationDef::name).toList()), pos));
        if (relation.kind() != RelationKind.STREAM && relation.kind() != RelationKind.TABLE) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "cannot INSERT INTO "
                    + relation.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '" + relation.name()
                    + "': only streams and tables take inserts", pos);
        }
        return relation;
    }

    /** The source, cast and renamed (if needed) to produce exactly the target's payload columns. */
    static PhysicalNode conform(PhysicalNode source, List<Column> target) {
        boolean project = source instanceof ProjectNode;
        PhysicalNode input = project ? ((ProjectNode) source).input() : source;
        List<Expr> base = project ? ((ProjectNode) source).exprs() : Exprs.refsTo(source.schema());
        List<Expr> exprs = new ArrayList<>(target.size());
        boolean changed = false;
        for (int i = 0; i < target.size(); i++) {
            Expr e = Coercions.castTo(base.get(i), target.get(i).type());
            changed |= e != base.get(i) || !source.schema().get(i).name().equals(target.get(i).name());
            exprs.add(e);
        }
        if (!changed) {
            return source;
        }
        return new ProjectNode(input, exprs, Exprs.schemaOf(target.stream().map(Column::name).toList(), exprs));
    }

    private static SourcePos position(SqlParserPos p) {
        return p.getLineNum() > 0 ? new SourcePos(p.getLineNum(), p.getColumnNum()) : new SourcePos(1, 1);
    }
}
