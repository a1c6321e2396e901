package dev.runnel.exec.operator.cep;

import dev.runnel.exec.expr.ExprInterpreter;
import dev.runnel.exec.expr.SqlValues;
import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.MatchRef;
import dev.runnel.planner.translate.Exprs;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

/**
 * Evaluates a {@link MatchNode}'s conditions and measures over a (partial) match: the rows
 * {@code start .. start + len - 1} of a partition, mapped to the variables {@code vars[0 .. len)}.
 * Each expression is over the node's virtual row: the input columns it reads (of the last row: the
 * row being tested in a condition), then the {@link MatchRef} values it reads, computed here from
 * the match. Interpreted ({@link ExprInterpreter}); conditions over the row alone are computed per
 * batch beforehand by the operator, compiled. Single-threaded.
 */
final class MatchEvaluator {
    /** Where a partition's rows are: the index in the operator's row store of the row at a sequence number. */
    interface Rows {
        int rowIndex(long seq);
    }

    private final MatchNode node;
    private final ExprInterpreter interpreter;
    private final MatchRef[] refs;
    private final int width;
    private final int[][] defineColumns;
    private final int[][] defineRefs;
    private final int[] outputColumns;
    private final int[] outputRefs;
    private final Object[] row;
    private final RunningAggregates running;
    private RowBuffer store;

    MatchEvaluator(MatchNode node, ExprInterpreter interpreter) {
        this.node = node;
        this.interpreter = interpreter;
        this.refs = node.refs().toArray(new MatchRef[0]);
        this.width = node.input().schema().size();
        int vars = node.variables().size();
        defineColumns = new int[vars][];
        defineRefs = new int[vars][];
        for (int v = 0; v < vars; v++) {
            List<Expr> e = node.defines().get(v).map(List::of).orElse(List.of());
            defineColumns[v] = reads(e, true);
            defineRefs[v] = reads(e, false);
        }
        outputColumns = reads(node.outputs(), true);
        outputRefs = reads(node.outputs(), false);
        row = new Object[width + refs.length];
        running = new RunningAggregates(node.refs());
    }

    /** The aggregates kept per run. */
    RunningAggregates running() {
        return running;
    }

    /** The input columns ({@code columns} true) or refs the expressions read. */
    private int[] reads(List<Expr> exprs, boolean columns) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Expr e : exprs) {
            Exprs.forEachInputRef(e, r -> {
                if ((r.index() < width) == columns) {
                    set.add(columns ? r.index() : r.index() - width);
                }
            });
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether variable {@code v}'s condition reads only the row itself (no ref): it can be compiled per batch. */
    boolean rowOnly(int v) {
        return defineRefs[v].length == 0;
    }

    /** The store the partitions' row indices point into (replaced when the operator compacts it). */
    void store(RowBuffer rows) {
        this.store = rows;
    }

    RowBuffer store() {
        return store;
    }

    /**
     * Whether the last row of the match ({@code vars[len - 1]} its candidate variable) satisfies that
     * variable; {@code aggregates} is the running state of the rows before it.
     */
    boolean define(int v, Rows rows, long start, byte[] vars, int len, long[] aggregates) {
        Expr e = node.defines().get(v).orElseThrow();
        long seq = start + len - 1;
        int last = rows.rowIndex(seq);
        for (int c : defineColumns[v]) {
            row[c] = store.column(c).get(last);
        }
        for (int r : defineRefs[v]) {
            row[width + r] = running.keeps(r) ? running.value(r, aggregates, store, rows, last, seq, v)
                    : ref(refs[r], rows, start, vars, len, 0);
        }
        return Boolean.TRUE.equals(interpreter.evaluate(e, row));
    }

    /**
     * The output row of a complete match of {@code len} rows (the {@code matchNumber}-th of its
     * partition) as of its {@code upTo}-th row ({@code len} for ONE ROW PER MATCH): the input columns
     * of that row, refs over the rows up to it ({@code upToAggregates} their running aggregates),
     * {@link MatchRef.Final} refs over the whole match.
     */
    Object[] outputs(Rows rows, long start, byte[] vars, int len, int upTo, long[] upToAggregates, long matchNumber) {
        int current = rows.rowIndex(start + upTo - 1);
        for (int c : outputColumns) {
            row[c] = store.column(c).get(current);
        }
        for (int r : outputRefs) {
            if (refs[r] instanceof MatchRef.Final f) {
                row[width + r] = ref(f.inner(), rows, start, vars, len, matchNumber);
            } else {
                row[width + r] = running.keeps(r) ? running.value(r, upToAggregates, store, rows, current, -1, -1)
                        : ref(refs[r], rows, start, vars, upTo, matchNumber);
            }
        }
        Object[] out = new Object[node.outputs().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = interpreter.evaluate(node.outputs().get(i), row);
        }
        return out;
    }

    private Object ref(MatchRef ref, Rows rows, long start, byte[] vars, int len, long matchNumber) {
        if (ref instanceof MatchRef.Nav nav) {
            int pos = find(nav.variable(), nav.fromFirst(), nav.logicalOffset(), vars, len);
            if (pos < 0) {
                return null;
            }
            pos += nav.physicalOffset();
            if (pos < 0 || pos >= len) {
                return null; // navigation stays within the match
            }
            return store.column(nav.column()).get(rows.rowIndex(start + pos));
        }
        if (ref instanceof MatchRef.Agg agg) {
            return aggregate(agg, rows, start, vars, len);
        }
        if (ref instanceof MatchRef.Classifier) {
            return node.variables().get(vars[len - 1]);
        }
        return matchNumber;
    }

    /** The position in the match of the {@code offset}-th row of {@code variable} (-1: any) from the first or last; -1 if none. */
    private static int find(int variable, boolean fromFirst, int offset, byte[] vars, int len) {
        if (variable < 0) {
            int pos = fromFirst ? offset : len - 1 - offset;
            return pos >= 0 && pos < len ? pos : -1;
        }
        int seen = 0;
        for (int k = 0; k < len; k++) {
            int i = fromFirst ? k : len - 1 - k;
            if (vars[i] == variable && seen++ == offset) {
                return i;
            }
        }
        return -1;
    }

    private Object aggregate(MatchRef.Agg agg, Rows rows, long start, byte[] vars, int len) {
        ColumnBuffer col = agg.column() < 0 ? null : store.column(agg.column());
        long count = 0;
        long longSum = 0;
        double doubleSum = 0;
        BigDecimal decimalSum = null;
        int best = -1;
        TypeKind kind = agg.type().kind();
        for (int i = 0; i < len; i++) {
            if (agg.variable() >= 0 && vars[i] != agg.variable()) {
                continue;
            }
            int idx = rows.rowIndex(start + i);
            if (col != null && col.isNull(idx)) {
                continue;
            }
            count++;
            switch (agg.kind()) {
                case COUNT -> { }
                case SUM -> {
                    Object v = col.get(idx);
                    if (kind == TypeKind.DECIMAL) {
                        BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
                        decimalSum = decimalSum == null ? d : decimalSum.add(d);
                    } else if (kind == TypeKind.DOUBLE) {
                        doubleSum += ((Number) v).doubleValue();
                    } else {
                        longSum = Math.addExact(longSum, ((Number) v).longValue());
                    }
                }
                case MIN -> best = best < 0 || col.compare(idx, best) < 0 ? idx : best;
                case MAX -> best = best < 0 || col.compare(idx, best) > 0 ? idx : best;
            }
        }
        return switch (agg.kind()) {
            case COUNT -> SqlValues.coerce(count, agg.type());
            case SUM -> count == 0 ? null : SqlValues.coerce(kind == TypeKind.DECIMAL ? decimalSum
                    : kind == TypeKind.DOUBLE ? (Object) doubleSum : (Object) longSum, agg.type());
            case MIN, MAX -> best < 0 ? null : SqlValues.coerce(col.get(best), agg.type());
        };
    }
}
