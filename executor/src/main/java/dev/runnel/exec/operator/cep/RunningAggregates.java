package dev.runnel.exec.operator.cep;

import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.DoubleColumn;
import dev.runnel.exec.rows.IntColumn;
import dev.runnel.exec.rows.LongColumn;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.planner.physical.MatchRef;
import java.util.List;

/**
 * The aggregates of a MATCH_RECOGNIZE ({@link MatchRef.Agg}) kept up to date per run, so a condition
 * or measure reads one in constant time instead of going over the run's rows: per aggregate two
 * longs, the count of its non-NULL values and the value (a long sum, a double sum's bits, or the
 * sequence number of the row holding the MIN or MAX; -1 for none). A run's state is a
 * {@code long[]} that {@link #extend} copies as the run takes a row. Aggregates of other types (SUM
 * of DECIMAL) are left to the evaluator, which goes over the rows. Stateless apart from the layout.
 */
final class RunningAggregates {
    /** The state of a run before its first row. */
    final long[] empty;
    private final MatchRef.Agg[] aggs;
    /** For each ref, its aggregate slot, -1 if it is not kept here. */
    private final int[] slot;

    RunningAggregates(List<MatchRef> refs) {
        slot = new int[refs.size()];
        int n = 0;
        for (int r = 0; r < refs.size(); r++) {
            slot[r] = refs.get(r) instanceof MatchRef.Agg a && kept(a) ? n++ : -1;
        }
        aggs = new MatchRef.Agg[n];
        empty = new long[2 * n];
        for (int r = 0; r < refs.size(); r++) {
            if (slot[r] >= 0) {
                aggs[slot[r]] = (MatchRef.Agg) refs.get(r);
                empty[2 * slot[r] + 1] = initial(aggs[slot[r]]);
            }
        }
    }

    private static boolean kept(MatchRef.Agg a) {
        return switch (a.kind()) {
            case COUNT, MIN, MAX -> true;
            case SUM -> switch (a.type().kind()) {
                case BIGINT, INT, DOUBLE -> true;
                default -> false;
            };
        };
    }

    private static long initial(MatchRef.Agg a) {
        return a.kind() == MatchRef.AggKind.MIN || a.kind() == MatchRef.AggKind.MAX ? -1
                : a.type().kind() == dev.runnel.sql.type.TypeKind.DOUBLE ? Double.doubleToRawLongBits(0) : 0;
    }

    /** Whether ref {@code r} is kept here. */
    boolean keeps(int r) {
        return slot[r] >= 0;
    }

    /** The state after the run takes row {@code seq} (at {@code rowIndex} in {@code store}) as variable {@code var}. */
    long[] extend(long[] state, RowBuffer store, MatchEvaluator.Rows rows, int rowIndex, long seq, int var) {
        if (aggs.length == 0) {
            return state;
        }
        long[] next = state.clone();
        for (int a = 0; a < aggs.length; a++) {
            if (aggs[a].variable() < 0 || aggs[a].variable() == var) {
                add(a, next, 2 * a, store, rows, rowIndex, seq);
            }
        }
        return next;
    }

    /** Adds row {@code seq} to aggregate {@code a}, whose count and value are {@code s[at]}, {@code s[at + 1]}. */
    private void add(int a, long[] s, int at, RowBuffer store, MatchEvaluator.Rows rows, int rowIndex, long seq) {
        MatchRef.Agg agg = aggs[a];
        ColumnBuffer col = agg.column() < 0 ? null : store.column(agg.column());
        if (col != null && col.isNull(rowIndex)) {
            return;
        }
        s[at]++;
        switch (agg.kind()) {
            case COUNT -> { }
            case SUM -> {
                if (col instanceof DoubleColumn d) {
                    s[at + 1] = Double.doubleToRawLongBits(Double.longBitsToDouble(s[at + 1]) + d.getDouble(rowIndex));
                } else {
                    long v = col instanceof LongColumn l ? l.getLong(rowIndex) : ((IntColumn) col).getInt(rowIndex);
                    s[at + 1] = Math.addExact(s[at + 1], v);
                }
            }
            case MIN, MAX -> {
                long best = s[at + 1];
                int cmp = best < 0 ? -1 : col.compare(rowIndex, rows.rowIndex(best));
                if (best < 0 || (agg.kind() == MatchRef.AggKind.MIN ? cmp < 0 : cmp > 0)) {
                    s[at + 1] = seq;
                }
            }
        }
    }

    /**
     * The value of ref {@code r} for a run in {@code state}, with row {@code seq} (at {@code rowIndex})
     * as variable {@code var} added when {@code seq >= 0} (a candidate being tested).
     */
    Object value(int r, long[] state, RowBuffer store, MatchEvaluator.Rows rows, int rowIndex, long seq, int var) {
        int a = slot[r];
        MatchRef.Agg agg = aggs[a];
        long[] s = {state[2 * a], state[2 * a + 1]};
        if (seq >= 0 && (agg.variable() < 0 || agg.variable() == var)) {
            add(a, s, 0, store, rows, rowIndex, seq);
        }
        long count = s[0];
        return switch (agg.kind()) {
            case COUNT -> SqlValues.coerce(count, agg.type());
            case SUM -> count == 0 ? null : agg.type().kind() == dev.runnel.sql.type.TypeKind.DOUBLE
                    ? (Object) Double.longBitsToDouble(s[1]) : SqlValues.coerce(s[1], agg.type());
            case MIN, MAX -> s[1] < 0 ? null : SqlValues.coerce(store.column(agg.column()).get(rows.rowIndex(s[1])),
                    agg.type());
        };
    }
}
