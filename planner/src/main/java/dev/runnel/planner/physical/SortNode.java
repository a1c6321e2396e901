package dev.runnel.planner.physical;

import java.util.List;

/**
 * ORDER BY {@code keys} then OFFSET/FETCH; with no keys it is a plain LIMIT/OFFSET.
 * {@code fetch} is -1 when unlimited. Immutable.
 */
public record SortNode(PhysicalNode input, List<SortKey> keys, long offset, long fetch) implements PhysicalNode {
    /** One sort key: input column, direction, where NULLs go. */
    public record SortKey(int column, boolean descending, boolean nullsFirst) {}

    public SortNode {
        keys = List.copyOf(keys);
    }

    @Override
    public RowSchema schema() {
        return input.schema();
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
