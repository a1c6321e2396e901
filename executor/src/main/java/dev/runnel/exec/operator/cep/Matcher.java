package dev.runnel.exec.operator.cep;

import dev.runnel.exec.operator.cep.MatchPartition.Run;
import dev.runnel.planner.physical.MatchNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds a partition's rows, in order, to the pattern's {@link Nfa} and finds its matches, as Flink's
 * CEP operator does: every row starts a partial match and advances every live one (each way the
 * program allows is a run of its own); a run that reaches the end is a complete match, emitted once
 * no run that started earlier is still alive (the earlier start wins), after which the skip
 * strategy drops the runs and waiting matches that start before the row it names. With
 * {@code WITHIN}, a run whose first row is that long before a row (or before what the watermark
 * still lets arrive) is dropped. Single-threaded.
 */
final class Matcher {
    /** Receives each match, in the order emitted. */
    interface Sink {
        void match(MatchPartition partition, Run match);
    }

    private static final byte[] EMPTY = new byte[0];
    private final MatchNode node;
    private final Nfa nfa;
    private final MatchEvaluator evaluator;
    private final boolean[] seen;
    private final boolean[] always;
    private final boolean[] rowOnly;
    private final long within;
    // the candidates found for one run and row, before they become runs
    private int[] foundPc = new int[4];
    private int[] foundVar = new int[4];
    private int found;

    Matcher(MatchNode node, MatchEvaluator evaluator) {
        this.node = node;
        this.nfa = new Nfa(node.pattern());
        this.evaluator = evaluator;
        this.seen = new boolean[nfa.size()];
        int vars = node.variables().size();
        this.always = new boolean[vars];
        this.rowOnly = new boolean[vars];
        for (int v = 0; v < vars; v++) {
            always[v] = node.defines().get(v).isEmpty();
            rowOnly[v] = !always[v] && evaluator.rowOnly(v);
        }
        this.within = node.withinMillis();
    }

    /** Whether variable {@code v}'s condition reads the row alone (the operator computes it per batch, into {@code bits}). */
    boolean rowOnly(int v) {
        return rowOnly[v];
    }

    /**
     * The partition's next row: at {@code rowIndex} in the store, event time {@code time}, with bit
     * {@code v} of {@code bits} set where the row-only condition of variable {@code v} holds.
     */
    void step(MatchPartition p, int rowIndex, long time, long bits, Sink sink) {
        long seq = p.append(rowIndex, time);
        if (within >= 0) {
            p.runs.removeIf(r -> time - p.time(r.start) >= within);
        }
        List<Run> next = new ArrayList<>(p.runs.size() + 1);
        for (Run r : p.runs) {
            advance(p, r, bits, next);
        }
        advance(p, new Run(0, seq, EMPTY, 0, evaluator.running().empty), bits, next);
        p.runs = next;
        for (Run r : next) {
            Arrays.fill(seen, false);
            if (nfa.accepts(r.pc, seen)) {
                complete(p, r);
            }
        }
        emitReady(p, sink);
        p.release();
    }

    /** The watermark reached {@code watermark}: runs that no later row can extend within WITHIN end. */
    void expire(MatchPartition p, long watermark, Sink sink) {
        if (within >= 0 && !p.runs.isEmpty()) {
            p.runs.removeIf(r -> watermark >= Long.MAX_VALUE - 1 || watermark + 1 - p.time(r.start) >= within);
            emitReady(p, sink);
            p.release();
        }
    }

    /** The input ended: no run can go on; the waiting matches are emitted. */
    void end(MatchPartition p, Sink sink) {
        p.runs.clear();
        emitReady(p, sink);
        p.release();
    }

    private void advance(MatchPartition p, Run r, long bits, List<Run> out) {
        byte[] vars = r.vars.length > r.len ? r.vars : Arrays.copyOf(r.vars, Math.max(4, r.len * 2));
        found = 0;
        Arrays.fill(seen, false);
        nfa.walk(r.pc, (pc, v) -> {
            boolean holds;
            if (always[v]) {
                holds = true;
            } else if (rowOnly[v]) {
                holds = (bits >>> v & 1) != 0;
            } else {
                vars[r.len] = (byte) v;
                holds = evaluator.define(v, p, r.start, vars, r.len + 1, r.aggregates);
            }
            if (holds) {
                if (found == foundPc.length) {
                    foundPc = Arrays.copyOf(foundPc, found * 2);
                    foundVar = Arrays.copyOf(foundVar, found * 2);
                }
                foundPc[found] = nfa.next(pc);
                foundVar[found++] = v;
            }
            return holds;
        }, seen);
        // all but the last successor copy the rows' variables; the last one takes the array over
        long seq = r.start + r.len;
        for (int i = 0; i < found; i++) {
            byte[] own = i == found - 1 ? vars : Arrays.copyOf(vars, vars.length);
            own[r.len] = (byte) foundVar[i];
            long[] aggregates = evaluator.running().extend(r.aggregates, evaluator.store(), p, p.rowIndex(seq), seq,
                    foundVar[i]);
            out.add(new Run(foundPc[i], r.start, own, r.len + 1, aggregates));
        }
    }

    /** Keeps a complete match, ordered by start (then completion). */
    private static void complete(MatchPartition p, Run r) {
        int at = p.completed.size();
        while (at > 0 && p.completed.get(at - 1).start > r.start) {
            at--;
        }
        p.completed.add(at, r);
    }

    private void emitReady(MatchPartition p, Sink sink) {
        while (!p.completed.isEmpty()) {
            Run m = p.completed.get(0);
            if (!p.runs.isEmpty() && p.runs.get(0).start < m.start) {
                return; // a run that started earlier may still match
            }
            p.matches++;
            sink.match(p, m);
            long target = skipTarget(m);
            p.runs.removeIf(r -> r.start < target);
            p.completed.removeIf(r -> r.start < target);
        }
    }

    /** The first row a match may start at after {@code m} (always after m's first row). */
    private long skipTarget(Run m) {
        long target = switch (node.skip()) {
            case PAST_LAST_ROW -> m.start + m.len;
            case TO_NEXT_ROW -> m.start + 1;
            case TO_FIRST, TO_LAST -> {
                int pos = -1;
                for (int i = 0; i < m.len; i++) {
                    if (m.vars[i] == node.skipVariable()) {
                        pos = i;
                        if (node.skip() == MatchNode.Skip.TO_FIRST) {
                            break;
                        }
                    }
                }
                yield pos < 0 ? m.start + 1 : m.start + pos;
            }
        };
        return Math.max(target, m.start + 1);
    }
}
