package dev.runnel.planner.expr;

import dev.runnel.sql.type.DataType;
import java.util.List;
import java.util.Objects;

/** An operator applied to operands, with the result type the planner derived. Immutable. */
public record Call(Operator op, List<Expr> operands, DataType type) implements Expr {
    public Call {
        Objects.requireNonNull(op, "op");
        operands = List.copyOf(operands);
        Objects.requireNonNull(type, "type");
    }
}
