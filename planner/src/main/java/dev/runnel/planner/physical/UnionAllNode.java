package dev.runnel.planner.physical;

import java.util.List;

/** All rows of every input, which share one schema (the planner casts them). Immutable. */
public record UnionAllNode(List<PhysicalNode> inputs, RowSchema schema) implements PhysicalNode {
    public UnionAllNode {
        inputs = List.copyOf(inputs);
    }
}
