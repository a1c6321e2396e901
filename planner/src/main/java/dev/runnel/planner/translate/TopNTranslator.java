package dev.runnel.planner.translate;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ProjectNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexWindow;

/**
 * Regular Top-N and deduplication ({@link TopNNode}): {@code ROW_NUMBER() OVER (PARTITION BY keys
 * ORDER BY ...)} over a plain (non-window) input, filtered on the row number, as
 * {@link WindowTopNTranslator} finds it. {@code rownum = 1} (or {@code <= 1}) ordered by one time
 * attribute (the event-time column a stream declares with {@code WATERMARK FOR}, followed through
 * projections and filters to its scan) is a deduplication: keep the first row ({@code ASC}) or the
 * last ({@code DESC}). Keeping the first is append-only and reads the scan's {@code _watermark}
 * (threaded up as a window's input does) to hold rows until the watermark passes and drop late ones.
 * Stateless.
 */
final class TopNTranslator {
    private static final DataType ROW_NUMBER_TYPE = DataType.of(TypeKind.BIGINT).notNull();

    private TopNTranslator() {}

    /**
     * The Top-N of {@code project}'s ROW_NUMBER() (column {@code column}, its window {@code window}) ranked
     * {@code lo..hi}, over {@code input} (the Project's input, translated), partitioned by input columns
     * {@code keys}, then the Project's row over it.
     */
    static PhysicalNode regular(Project project, int column, RexWindow window, long lo, long hi, List<Integer> keys,
            PhysicalTranslator t) {
        String name = project.getProjects().get(column) instanceof RexOver over ? over.getOperator().getName()
                : "ROW_NUMBER";
        List<Integer> orderFields = new ArrayList<>();
        for (RexFieldCollation c : window.orderKeys) {
            if (!(c.left instanceof RexInputRef ref)) {
                throw Unsupported.over(name, "an expression in the ORDER BY of a Top-N");
            }
            orderFields.add(ref.getIndex());
        }
        RelNode below = project.getInput();
        boolean dedup = lo == 1 && hi == 1 && orderFields.size() == 1 && eventTime(below, orderFields.get(0));
        boolean keepFirst = dedup && !window.orderKeys.get(0).getDirection().isDescending();

        // the node's input: only the fields the outputs, keys and order read (and _watermark to keep the first)
        ImmutableBitSet.Builder used = ImmutableBitSet.builder();
        List<RexNode> projects = project.getProjects();
        for (int i = 0; i < projects.size(); i++) {
            if (i != column) {
                used.addAll(RelOptUtil.InputFinder.bits(projects.get(i)));
            }
        }
        used.addAll(keys).addAll(orderFields);
        int watermarkField = -1;
        if (keepFirst) { // held until the watermark passes, late rows dropped: the input needs _watermark
            WindowInputs.WithWatermark w = WindowInputs.withWatermark(below);
            below = w.rel();
            watermarkField = w.watermark();
            used.set(watermarkField);
        }
        List<Integer> fields = used.build().asList();
        RelBuilder b = RelFactories.LOGICAL_BUILDER.create(project.getCluster(), null);
        List<RexNode> refs = new ArrayList<>();
        for (int f : fields) {
            refs.add(RexInputRef.of(f, below.getRowType()));
        }
        List<String> belowNames = below.getRowType().getFieldNames();
        RelNode trimmed = b.push(below).project(refs, fields.stream().map(belowNames::get).toList(), true).build();
        PhysicalNode input = t.translate(WindowFunctionInput.simplify(trimmed));
        IntUnaryOperator at = fields::indexOf;

        List<SortKey> order = WindowTopNTranslator.sortKeys(window, orderFields.stream().map(at::applyAsInt).toList());
        String rownum = project.getRowType().getFieldNames().get(column);
        List<Column> columns = new ArrayList<>(input.schema().columns());
        columns.add(new Column(rownum, ROW_NUMBER_TYPE));
        TopNNode node = new TopNNode(input, keys.stream().map(at::applyAsInt).toList(), order, lo, hi,
                dedup ? TopNNode.Kind.DEDUPLICATE : TopNNode.Kind.TOP_N, keepFirst,
                keepFirst ? at.applyAsInt(watermarkField) : -1, new RowSchema(columns));
        List<Expr> exprs = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            exprs.add(i == column ? new InputRef(node.rowNumberColumn(), ROW_NUMBER_TYPE)
                    : WindowTopNTranslator.typed(Exprs.remap(t.rex().translate(projects.get(i)), at), project, i));
        }
        List<String> names = project.getRowType().getFieldNames();
        if (Exprs.isIdentity(exprs, columns.size()) && columns.stream().map(Column::name).toList().equals(names)) {
            return node;
        }
        return new ProjectNode(node, exprs, Exprs.schemaOf(names, exprs));
    }

    /** Whether field {@code field} of {@code rel} is a stream's event-time column (its {@code WATERMARK FOR}). */
    static boolean eventTime(RelNode rel, int field) {
        WindowInputs.Origin o = WindowInputs.origin(rel, field);
        return o != null && o.relation().watermark().map(WatermarkSpec::column).filter(c -> c == o.column())
                .isPresent();
    }
}
