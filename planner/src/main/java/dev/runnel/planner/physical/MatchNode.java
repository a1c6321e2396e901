package dev.runnel.planner.physical;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.SortNode.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code MATCH_RECOGNIZE}: per partition ({@code partitionKeys}), the input
 * rows in the order of {@code order} (its first key is the event-time attribute, ascending; rows
 * wait until the watermark passes them) are matched against {@code pattern}; each match found is
 * one output row. Append-only: a row is emitted once its match is complete and no match that
 * starts earlier in the partition is still possible.
 *
 * <p>Expressions ({@code defines}, one per variable, empty where the variable is always true, and
 * {@code outputs}: the partition keys, with {@code allRows} all input columns, then from
 * {@code firstMeasure} on the measures) are over a virtual row: the input columns (the row being matched in a
 * condition, the last row of the match in an output; with {@code allRows} the output's row, the
 * refs then over the match up to that row, {@link MatchRef.Final} ones over all of it), then one
 * column per {@link MatchRef} in
 * {@code refs} (navigations and aggregates over the rows of the match), see {@link #virtualSchema}.
 * {@code skip} says where matching goes on after a match ({@code skipVariable} for
 * {@code TO FIRST/LAST v}, else -1). {@code withinMillis} (-1: none) bounds the time from the first
 * to the last row of a match, and with it the partial matches kept. Rows late on arrival (their
 * {@code _watermark}, input column {@code watermarkColumn}, already at or past their time) are
 * dropped and counted. Immutable.
 */
public record MatchNode(PhysicalNode input, List<Integer> partitionKeys, List<SortKey> order, MatchPattern pattern,
        List<String> variables, List<Optional<Expr>> defines, List<MatchRef> refs, List<Expr> outputs, int firstMeasure,
        boolean allRows, Skip skip, int skipVariable, long withinMillis, int watermarkColumn, RowSchema schema) implements PhysicalNode {

    /** AFTER MATCH SKIP ... */
    public enum Skip { PAST_LAST_ROW, TO_NEXT_ROW, TO_FIRST, TO_LAST }

    public MatchNode {
        partitionKeys = List.copyOf(partitionKeys);
        order = List.copyOf(order);
        variables = List.copyOf(variables);
        defines = List.copyOf(defines);
        refs = List.copyOf(refs);
        outputs = List.copyOf(outputs);
        if (order.isEmpty() || order.get(0).descending()) {
            throw new IllegalArgumentException("MATCH_RECOGNIZE is ordered by its time attribute, ascending, first");
        }
        if (defines.size() != variables.size()) {
            throw new IllegalArgumentException("one DEFINE (or none) per variable");
        }
        if ((skip == Skip.TO_FIRST || skip == Skip.TO_LAST) != (skipVariable >= 0)) {
            throw new IllegalArgumentException("a skip variable for SKIP TO FIRST/LAST, and only there");
        }
        if (firstMeasure < 0 || firstMeasure > outputs.size()) {
            throw new IllegalArgumentException("measures start within the outputs");
        }
        if (outputs.size() != schema.size()) {
            throw new IllegalArgumentException("one output expression per output column");
        }
    }

    /** The input column of the event-time attribute. */
    public int timeColumn() {
        return order.get(0).column();
    }

    /** The row the expressions are over: the input columns, then one column per ref. */
    public RowSchema virtualSchema() {
        List<Column> columns = new ArrayList<>(input.schema().columns());
        for (MatchRef r : refs) {
            columns.add(new Column(r.describe(variables, input.schema()), r.type()));
        }
        return new RowSchema(columns);
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
