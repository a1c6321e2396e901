package dev.runnel.planner.translate;

import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.error.Unsupported;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

/**
 * The input of a window: a chain of projections and filters over one stream's scan, or over an
 * interval join of two (whose time attributes stay time attributes, as in Flink). Finds where a
 * column comes from, and threads the scan's {@code _watermark} metadata column up the chain so the
 * window operator can decide lateness per row (over an interval join: NULL, the join never emits a
 * row behind its watermark). Stateless.
 */
final class WindowInputs {
    private WindowInputs() {}

    /** A rel with the {@code _watermark} of its scan at field {@code watermark}. */
    record WithWatermark(RelNode rel, int watermark) {}

    /** Where a column is read from: a relation and an index into its {@link RelationDef#fullRow()}. */
    record Origin(RelationDef relation, int column) {}

    /**
     * {@code rel} with its scan's {@code _watermark} as one more field (or where the scan has it):
     * every field of {@code rel} keeps its index.
     */
    static WithWatermark withWatermark(RelNode rel) {
        if (rel instanceof TableScan scan) {
            RelationDef r = ScanTranslator.relation(scan);
            return new WithWatermark(scan, watermarkIndex(r));
        }
        if (rel instanceof Filter filter) {
            WithWatermark in = withWatermark(filter.getInput());
            return new WithWatermark(filter.copy(filter.getTraitSet(), in.rel(), filter.getCondition()), in.watermark());
        }
        if (rel instanceof Project project) {
            WithWatermark in = withWatermark(project.getInput());
            List<RexNode> exprs = new ArrayList<>(project.getProjects());
            exprs.add(RexInputRef.of(in.watermark(), in.rel().getRowType()));
            List<String> names = new ArrayList<>(project.getRowType().getFieldNames());
            names.add(MetadataColumns.WATERMARK);
            return new WithWatermark(LogicalProject.create(in.rel(), List.of(), exprs, uniquify(names),
                    project.getVariablesSet()), exprs.size() - 1);
        }
        if (rel instanceof Join join && intervalJoin(join)) {
            // an interval join never emits a row behind the watermark it forwards: its rows carry no
            // watermark of their own (NULL), and the window goes by the join's watermark alone
            List<RexNode> exprs = new ArrayList<>();
            for (int i = 0; i < join.getRowType().getFieldCount(); i++) {
                exprs.add(RexInputRef.of(i, join.getRowType()));
            }
            org.apache.calcite.rex.RexBuilder rex = join.getCluster().getRexBuilder();
            exprs.add(rex.makeNullLiteral(rex.getTypeFactory().createTypeWithNullability(
                    rex.getTypeFactory().createSqlType(org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP, 3), true)));
            List<String> names = new ArrayList<>(join.getRowType().getFieldNames());
            names.add(MetadataColumns.WATERMARK);
            return new WithWatermark(LogicalProject.create(join, List.of(), exprs, uniquify(names), java.util.Set.of()),
                    exprs.size() - 1);
        }
        String what = rel instanceof Join ? "a join without time bounds" : rel instanceof Union ? "a UNION" : rel instanceof Aggregate
                ? "an aggregate" : "this input (" + rel.getRelTypeName() + ")";
        throw Unsupported.of("a window over " + what + ": window a stream, optionally filtered and projected,"
                + (rel instanceof Join ? " or an interval join of two," : ""));
    }

    /** Where field {@code field} of {@code rel} is read from, through plain column references; null if computed. */
    static Origin origin(RelNode rel, int field) {
        if (rel instanceof TableScan scan) {
            return new Origin(ScanTranslator.relation(scan), field);
        }
        if (rel instanceof Filter filter) {
            return origin(filter.getInput(), field);
        }
        if (rel instanceof Project project && project.getProjects().get(field) instanceof RexInputRef ref) {
            return origin(project.getInput(), ref.getIndex());
        }
        if (rel instanceof Join join && intervalJoin(join)) { // both sides' time attributes stay time attributes
            int leftWidth = join.getLeft().getRowType().getFieldCount();
            return field < leftWidth ? origin(join.getLeft(), field) : origin(join.getRight(), field - leftWidth);
        }
        return null;
    }

    /** Whether {@code join} is planned as an interval join (its condition bounds one stream's time by the other's). */
    static boolean intervalJoin(Join join) {
        return switch (join.getJoinType()) {
            case INNER, LEFT, RIGHT, FULL -> IntervalJoins.find(join,
                    org.apache.calcite.plan.RelOptUtil.conjunctions(join.getCondition())).isPresent();
            default -> false;
        };
    }

    static int watermarkIndex(RelationDef r) {
        return r.columns().size() + MetadataColumns.ALL.stream().map(c -> c.name()).toList()
                .indexOf(MetadataColumns.WATERMARK);
    }

    private static List<String> uniquify(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String candidate = n;
            int i = 0;
            while (out.contains(candidate)) {
                candidate = n + "$" + i++;
            }
            out.add(candidate);
        }
        return out;
    }
}
