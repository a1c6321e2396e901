package dev.runnel.exec.testing;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;

/** Short ways to write expressions in tests. */
public final class Exprs {
    private Exprs() {}

    public static InputRef ref(int i, TypeKind k) {
        return new InputRef(i, DataType.of(k));
    }

    public static InputRef ref(int i, DataType t) {
        return new InputRef(i, t);
    }

    public static Literal lit(Object v, TypeKind k) {
        return new Literal(v, DataType.of(k));
    }

    public static Literal lit(Object v, DataType t) {
        return new Literal(v, t);
    }

    public static Call call(Operator op, DataType type, Expr... operands) {
        return new Call(op, List.of(operands), type);
    }

    public static Call call(Operator op, TypeKind type, Expr... operands) {
        return new Call(op, List.of(operands), DataType.of(type));
    }
}
