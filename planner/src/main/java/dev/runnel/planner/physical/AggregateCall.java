package dev.runnel.planner.physical;

import dev.runnel.sql.type.DataType;
import java.util.List;

/**
 * One aggregate of an {@link AggregateNode}: function, argument columns (input indices; empty for
 * COUNT(*)), DISTINCT, an optional filter column (a BOOLEAN input column, -1 for none), result type.
 * Immutable.
 */
public record AggregateCall(AggFunction function, List<Integer> args, boolean distinct, int filterArg,
        DataType type, String name) {
    public AggregateCall {
        args = List.copyOf(args);
    }

    /** Aggregate functions. AVG of integers is computed exactly and returned in the result type. */
    public enum AggFunction {
        COUNT, SUM, MIN, MAX, AVG,
        /** Any value of the group (used by the planner for functionally dependent columns). */
        ANY_VALUE,
        /**
         * The group's only value; NULL for an empty group, and a data error (22000, "a scalar subquery
         * returned more than one row") when the group has more than one row. What a scalar subquery
         * that is not provably single-row becomes after decorrelation.
         */
        SINGLE_VALUE,
        /**
         * An estimate of the number of different non-NULL values of its one argument (a HyperLogLog
         * sketch; exact for small counts), BIGINT NOT NULL. Calcite's {@code APPROX_COUNT_DISTINCT(x)},
         * which it converts to {@code COUNT(APPROXIMATE DISTINCT x)}. Never DISTINCT itself (it is
         * distinct by nature) and cannot take values back.
         */
        APPROX_COUNT_DISTINCT,
        /** The first / last value that is not NULL, in arrival order (Flink's FIRST_VALUE and LAST_VALUE). */
        FIRST_VALUE, LAST_VALUE,
        /**
         * The values that are not NULL in arrival order, joined by the second argument (a constant string
         * column; default {@code ','}), VARCHAR; NULL when there are none (Flink's LISTAGG).
         */
        LISTAGG,
        /**
         * The sum of squared distances from the mean of the values that are not NULL (Welford's method
         * in DOUBLE, as Flink's {@code $WELFORD_M2}), DOUBLE, NULL for none; what STDDEV and VAR are
         * computed from.
         */
        WELFORD_M2
    }
}
