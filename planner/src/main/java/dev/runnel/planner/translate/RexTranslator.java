package dev.runnel.planner.translate;

import dev.runnel.planner.calcite.TypeMapping;
import dev.runnel.planner.error.Unsupported;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlLikeOperator;

/**
 * Translates Calcite row expressions over one input row into Runnel {@link Expr}s:
 * {@code RexInputRef} to {@link InputRef}, {@code RexLiteral} to a literal in its Java
 * representation, {@code RexDynamicParam} to {@link DynamicParam}, calls through
 * {@link OperatorMapping}; {@code SEARCH} (Calcite's range sets) is expanded to comparisons first.
 *
 * <p>It also makes operand types explicit, as the executor expects: arithmetic operands are cast to
 * the type the operation is computed in (the result type; for MOD the wider operand type, with
 * the result cast back), numeric comparison operands to their common type, and CASE/COALESCE
 * values to the result type. CASTs that change nothing but nullability are dropped. Not thread-safe (holds the statement's RexBuilder).
 */
public final class RexTranslator {
    private final RexBuilder rexBuilder;

    public RexTranslator(RexBuilder rexBuilder) {
        this.rexBuilder = rexBuilder;
    }

    public List<Expr> translateAll(List<? extends RexNode> nodes) {
        List<Expr> out = new ArrayList<>(nodes.size());
        for (RexNode n : nodes) {
            out.add(translate(n));
        }
        return out;
    }

    public Expr translate(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return new InputRef(ref.getIndex(), TypeMapping.toDataType(ref.getType()));
        }
        if (node instanceof RexLiteral lit) {
            return Literals.of(lit);
        }
        if (node instanceof RexDynamicParam param) {
            return new DynamicParam(param.getIndex(), TypeMapping.toDataType(param.getType()));
        }
        if (node instanceof RexOver over) {
            throw over(over);
        }
        if (node instanceof RexSubQuery || node instanceof RexFieldAccess || node instanceof RexCorrelVariable) {
            throw Unsupported.subquery();
        }
        if (node instanceof RexCall call) {
            return call(call);
        }
        throw Unsupported.of("the expression " + node);
    }

    /**
     * The error for an OVER call no translator took (positioned at the call by the query planner):
     * a ranking function says what window Top-N needs, anything else is an OVER aggregate.
     */
    static RuntimeException over(RexOver over) {
        String name = over.getOperator().getName();
        return switch (over.getOperator().getKind()) {
            case ROW_NUMBER -> Unsupported.over(name, "ROW_NUMBER() OVER without a filter on it (window Top-N:"
                    + " WHERE rownum <= N over PARTITION BY window_start, window_end)");
            case RANK, DENSE_RANK -> WindowTopNTranslator.rankError(name);
            default -> Unsupported.over(name, "the OVER clause");
        };
    }

    private Expr call(RexCall c) {
        switch (c.getKind()) {
            case SEARCH:
                return translate(RexUtil.expandSearch(rexBuilder, null, c));
            case PLUS_PREFIX:
                return translate(c.getOperands().get(0));
            default:
                break;
        }
        Expr rewritten = FunctionRewrites.rewrite(c, this::translateAll);
        if (rewritten != null) {
            return rewritten;
        }
        Operator op = OperatorMapping.of(c);
        DataType type = TypeMapping.toDataType(c.getType());
        List<Expr> args = translateAll(c.getOperands());
        if (op == Operator.CAST && changesOnlyNullability(args.get(0).type(), type)) {
            return args.get(0); // Calcite's "this is not null here" casts change no value
        }
        Expr result = switch (op) {
            case PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE -> arithmetic(op, args, type, c);
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> comparison(op, args, type, c);
            case CASE -> new Call(op, caseValues(args, type), type);
            case COALESCE, GREATEST, LEAST ->
                    new Call(op, args.stream().map(a -> Coercions.castTo(a, type)).toList(), type);
            default -> new Call(op, args, type);
        };
        if (c.getOperator() instanceof SqlLikeOperator like && like.isNegated()) {
            return new Call(Operator.NOT, List.of(result), type);
        }
        return result;
    }

    private Expr arithmetic(Operator op, List<Expr> args, DataType type, RexCall c) {
        boolean numeric = type.kind().isNumeric() && args.stream().allMatch(a -> a.type().kind().isNumeric());
        if (!numeric) {
            if (type.kind() == TypeKind.TIMESTAMP) {
                // DATE + a day-time interval is a TIMESTAMP (TIMESTAMPADD(HOUR, n, date)): the date at midnight first
                args = args.stream().map(a -> a.type().kind() == TypeKind.DATE
                        ? Coercions.castTo(a, type.withNullable(a.type().nullable())) : a).toList();
            }
            return new Call(op, args, type); // date, time and interval arithmetic keep their operand types
        }
        DataType computeIn = op == Operator.MOD ? commonType(c, type) : type;
        Call computed = new Call(op, args.stream().map(a -> Coercions.castTo(a, computeIn)).toList(),
                computeIn.withNullable(type.nullable()));
        return Coercions.castTo(computed, type);
    }

    private Expr comparison(Operator op, List<Expr> args, DataType type, RexCall c) {
        boolean numeric = args.stream().allMatch(a -> a.type().kind().isNumeric());
        if (!numeric || TypeMapping.sameIgnoringNullability(args.get(0).type(), args.get(1).type())) {
            return new Call(op, args, type);
        }
        DataType common = commonType(c, args.get(0).type());
        return new Call(op, args.stream().map(a -> Coercions.castTo(a, common)).toList(), type);
    }

    private DataType commonType(RexCall c, DataType fallback) {
        List<RelDataType> types = c.getOperands().stream().map(RexNode::getType).toList();
        RelDataType common = rexBuilder.getTypeFactory().leastRestrictive(types);
        return common == null ? fallback : TypeMapping.toDataType(common);
    }

    private static boolean changesOnlyNullability(DataType from, DataType to) {
        if (!TypeMapping.sameIgnoringNullability(from, to)) {
            return false;
        }
        return from.kind() != TypeKind.VARCHAR || to.precision() == DataType.UNBOUNDED
                || (from.precision() != DataType.UNBOUNDED && from.precision() <= to.precision());
    }

    /** CASE operands are c1, v1, c2, v2, ..., else: cast the values (odd positions and the last) to the result type. */
    private static List<Expr> caseValues(List<Expr> args, DataType type) {
        List<Expr> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            boolean isValue = i % 2 == 1 || i == args.size() - 1;
            out.add(isValue ? Coercions.castTo(args.get(i), type) : args.get(i));
        }
        return out;
    }
}
