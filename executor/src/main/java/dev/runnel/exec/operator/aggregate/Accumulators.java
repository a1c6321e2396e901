package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.expr.fn.SqlErrors;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** Picks the accumulator for an aggregate call by function and argument type. Stateless. */
final class Accumulators {
    private Accumulators() {}

    /**
     * @param retracting whether the input is a changelog whose rows may retract earlier ones: MIN
     *     and MAX then keep every value of a group, not just the extreme
     */
    static Accumulator create(AggregateCall call, List<DataType> inputTypes, boolean retracting) {
        List<DataType> argTypes = new ArrayList<>();
        for (int a : call.args()) {
            argTypes.add(inputTypes.get(a));
        }
        Accumulator base = plain(call, argTypes, retracting);
        Accumulator acc = call.distinct() && !argTypes.isEmpty() ? new DistinctAccumulator(base, argTypes) : base;
        if (retracting && !acc.retractable()) {
            throw SqlErrors.unsupported(call.function() + " over an updating input (a changelog) is not supported");
        }
        return acc;
    }

    private static Accumulator plain(AggregateCall call, List<DataType> argTypes, boolean retracting) {
        if (call.function() == AggregateCall.AggFunction.COUNT) {
            return new CountAccumulator();
        }
        if (call.function() == AggregateCall.AggFunction.APPROX_COUNT_DISTINCT && argTypes.size() == 1) {
            return new ApproxCountDistinctAccumulator(argTypes.get(0));
        }
        switch (call.function()) {
            case FIRST_VALUE -> {
                return new SequenceAccumulator(SequenceAccumulator.Kind.FIRST, retracting);
            }
            case LAST_VALUE -> {
                return new SequenceAccumulator(SequenceAccumulator.Kind.LAST, retracting);
            }
            case LISTAGG -> {
                return new SequenceAccumulator(SequenceAccumulator.Kind.LISTAGG, retracting);
            }
            case WELFORD_M2 -> {
                return new WelfordAccumulator(argTypes.get(0));
            }
            default -> { }
        }
        if (argTypes.size() != 1) {
            throw SqlErrors.unsupported(call.function() + " takes one argument, not " + argTypes.size());
        }
        TypeKind k = argTypes.get(0).kind();
        return switch (call.function()) {
            case SUM, AVG -> {
                boolean avg = call.function() == AggregateCall.AggFunction.AVG;
                yield switch (k) {
                    case INT, BIGINT, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> new LongSumAccumulator(avg, call.type());
                    case DOUBLE -> new DoubleSumAccumulator(avg);
                    case DECIMAL -> new DecimalSumAccumulator(avg, call.type());
                    default -> throw SqlErrors.unsupported(call.function() + " of " + argTypes.get(0).toSql());
                };
            }
            case MIN, MAX, ANY_VALUE, SINGLE_VALUE -> {
                MinMaxMode mode = call.function() == AggregateCall.AggFunction.MIN ? MinMaxMode.MIN
                        : call.function() == AggregateCall.AggFunction.MAX ? MinMaxMode.MAX : MinMaxMode.ANY;
                if (retracting && k != TypeKind.NULL && call.function() != AggregateCall.AggFunction.SINGLE_VALUE) {
                    // any value still present will do for ANY_VALUE: the smallest
                    yield new RetractingMinMaxAccumulator(mode == MinMaxMode.MAX ? MinMaxMode.MAX : MinMaxMode.MIN);
                }
                Accumulator acc = switch (k) {
                    case BOOLEAN, INT, BIGINT, TIMESTAMP, DATE, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH ->
                        new LongMinMaxAccumulator(mode);
                    case DOUBLE -> new DoubleMinMaxAccumulator(mode);
                    case DECIMAL, VARCHAR -> new ObjectMinMaxAccumulator(mode);
                    case NULL -> throw SqlErrors.unsupported(call.function() + " of NULL");
                };
                yield call.function() == AggregateCall.AggFunction.SINGLE_VALUE ? new SingleValueAccumulator(acc) : acc;
            }
            case COUNT -> new CountAccumulator();
            // a default, not exhaustiveness: the planner's function list grows independently of the executor
            default -> throw SqlErrors.unsupported("aggregate function " + call.function() + " is not supported");
        };
    }
}
