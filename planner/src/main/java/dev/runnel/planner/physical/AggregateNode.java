package dev.runnel.planner.physical;

import java.util.List;

/**
 * Groups by the {@code groupKeys} input columns and computes the aggregate calls; output is the
 * group keys then one column per call. No group keys means one row, even over empty input. Immutable.
 */
public record AggregateNode(PhysicalNode input, List<Integer> groupKeys, List<AggregateCall> calls,
        RowSchema schema) implements PhysicalNode {
    public AggregateNode {
        groupKeys = List.copyOf(groupKeys);
        calls = List.copyOf(calls);
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
