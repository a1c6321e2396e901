package dev.runnel.planner.physical;

import dev.runnel.planner.catalog.RelationDef;
import java.util.List;

/**
 * Reads a relation's rows from its topic: the retained history up to the end offsets at the start
 * of the query (bounded), or on and on (unbounded, for push queries and jobs). {@code columns} are
 * indices into {@link RelationDef#fullRow()} (payload columns, then metadata columns), so only what
 * the query uses is decoded. Immutable.
 */
public record ScanNode(RelationDef relation, List<Integer> columns, RowSchema schema) implements PhysicalNode {
    public ScanNode {
        columns = List.copyOf(columns);
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of();
    }
}
