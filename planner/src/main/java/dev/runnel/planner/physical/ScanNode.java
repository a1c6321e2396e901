package dev.runnel.planner.physical;

import dev.runnel.planner.ddl.ScanStart;
import java.util.Objects;
import java.util.Optional;
import dev.runnel.planner.catalog.RelationDef;
import java.util.List;

/**
 * Reads a relation's rows from its topic: the retained history up to the end offsets at the start
 * of the query (bounded), or on and on (unbounded, for push queries and jobs). {@code columns} are
 * indices into {@link RelationDef#fullRow()} (payload columns, then metadata columns), so only what
 * the query uses is decoded. {@code start}: where an unbounded scan of this relation starts, from a
 * table hint ({@code FROM bids /*+ OPTIONS(start = 'latest') *}{@code /}), overriding the session's
 * {@code scan.start}. Immutable.
 */
public record ScanNode(RelationDef relation, List<Integer> columns, RowSchema schema, Optional<ScanStart> start)
        implements PhysicalNode {
    public ScanNode {
        columns = List.copyOf(columns);
        Objects.requireNonNull(start, "start");
    }

    /** A scan without a start hint: an unbounded one starts where the session's {@code scan.start} says. */
    public ScanNode(RelationDef relation, List<Integer> columns, RowSchema schema) {
        this(relation, columns, schema, Optional.empty());
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of();
    }
}
