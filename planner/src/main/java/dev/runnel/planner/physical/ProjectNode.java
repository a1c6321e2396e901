package dev.runnel.planner.physical;

import dev.runnel.planner.expr.Expr;
import java.util.List;

/** Computes one output column per expression. Immutable. */
public record ProjectNode(PhysicalNode input, List<Expr> exprs, RowSchema schema) implements PhysicalNode {
    public ProjectNode {
        exprs = List.copyOf(exprs);
        if (exprs.size() != schema.size()) {
            throw new IllegalArgumentException("project has " + exprs.size() + " expressions but " + schema.size()
                    + " output columns");
        }
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
