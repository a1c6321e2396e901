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

    static Accumulator create(AggregateCall call, List<DataType> inputTypes) {
        List<DataType> argTypes = new ArrayList<>();
        for (int a : call.args()) {
            argTypes.add(inputTypes.get(a));
        }
        Accumulator base = plain(call, argTypes);
        return call.distinct() && !argTypes.isEmpty() ? new DistinctAccumulator(base, argTypes) : base;
    }

    private static Accumulator plain(AggregateCall call, List<DataType> argTypes) {
        if (call.function() == AggregateCall.AggFunction.COUNT) {
            return new CountAccumulator();
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
