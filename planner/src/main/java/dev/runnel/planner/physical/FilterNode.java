package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import java.util.List;

/** Keeps the rows for which {@code condition} is TRUE (not FALSE, not NULL). Immutable. */
public record FilterNode(PhysicalNode input, Expr condition) implements PhysicalNode {
    @Override
    public RowSchema schema() {
        return input.schema();
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
