package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Functions that Runnel computes with other operators: {@code LTRIM}/{@code RTRIM}/{@code BTRIM} as
 * TRIM, {@code INSTR(s, sub)} as {@code LOCATE(sub, s)}, {@code s ILIKE p} as LIKE over lower-cased
 * operands, {@code CURRENT_DATE} as the date of {@code CURRENT_TIMESTAMP}. Stateless.
 */
final class FunctionRewrites {
    private static final DataType VARCHAR = DataType.varchar();

    private FunctionRewrites() {}

    /** The Runnel expression for {@code c}, or null when it has its own operator. */
    static Expr rewrite(RexCall c, Function<List<? extends RexNode>, List<Expr>> translate) {
        String name = c.getOperator().getName().toUpperCase(Locale.ROOT);
        DataType type = TypeMapping.toDataType(c.getType());
        switch (name) {
            case "LTRIM", "RTRIM", "BTRIM" -> {
                List<Expr> a = translate.apply(c.getOperands());
                String side = name.equals("LTRIM") ? "LEADING" : name.equals("RTRIM") ? "TRAILING" : "BOTH";
                Expr chars = a.size() > 1 ? a.get(1) : new Literal(" ", VARCHAR.withNullable(false));
                return new Call(Operator.TRIM, List.of(new Literal(side, VARCHAR.withNullable(false)), chars, a.get(0)), type);
            }
            case "INSTR" -> {
                List<Expr> a = translate.apply(c.getOperands());
                return new Call(Operator.LOCATE, List.of(a.get(1), a.get(0)), type);
            }
            case "CURRENT_DATE" -> {
                Expr now = new Call(Operator.CURRENT_TIMESTAMP, List.of(), DataType.of(TypeKind.TIMESTAMP).withNullable(false));
                return new Call(Operator.CAST, List.of(now), type);
            }
            default -> { }
        }
        if (c.getKind() == SqlKind.LIKE && name.contains("ILIKE")) {
            List<Expr> a = translate.apply(c.getOperands());
            Expr s = new Call(Operator.LOWER, List.of(a.get(0)), a.get(0).type());
            Expr p = a.get(1) instanceof Literal l && l.value() instanceof String text
                    ? new Literal(text.toLowerCase(Locale.ROOT), l.type()) // a constant pattern stays compiled once
                    : new Call(Operator.LOWER, List.of(a.get(1)), a.get(1).type());
            Expr like = new Call(Operator.LIKE, a.size() > 2 ? List.of(s, p, a.get(2)) : List.of(s, p), type);
            return name.startsWith("NOT") ? new Call(Operator.NOT, List.of(like), type) : like;
        }
        return null;
    }
}
