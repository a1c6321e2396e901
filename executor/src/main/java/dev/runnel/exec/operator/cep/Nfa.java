package dev.runnel.exec.operator.cep;

import dev.runnel.planner.physical.MatchPattern;
import java.util.Arrays;

/**
 * A MATCH_RECOGNIZE pattern compiled to a Thompson-style program: instructions {@code CONSUME v}
 * (the row must satisfy variable {@code v}'s condition), {@code SPLIT a, b} (try {@code a} first,
 * then {@code b}), {@code JUMP} and {@code MATCH}. A partial match is a program counter plus the
 * variables of its rows. Bounded quantifiers are expanded into copies of their body.
 *
 * <p>Greedy quantifiers behave as Flink's: a greedy split prefers another round, and leaves the loop
 * only for a row the loop cannot take (so {@code B+ C} never ends B on a row B accepts); a reluctant
 * one prefers leaving, and keeps the other way open too. Immutable once built.
 */
final class Nfa {
    static final int CONSUME = 0;
    static final int SPLIT = 1;
    static final int JUMP = 2;
    static final int MATCH = 3;

    private int[] op = new int[16];
    private int[] a = new int[16];
    private int[] b = new int[16];
    private boolean[] greedy = new boolean[16];
    private int size;

    /** Which instruction consumes what, for the closure walk (see {@link #walk}). */
    interface Visitor {
        /** Tries {@code CONSUME variable} at {@code pc}; returns whether the row was taken. */
        boolean consume(int pc, int variable);
    }

    Nfa(MatchPattern pattern) {
        compile(pattern);
        emit(MATCH, 0, 0, false);
        op = Arrays.copyOf(op, size);
        a = Arrays.copyOf(a, size);
        b = Arrays.copyOf(b, size);
        greedy = Arrays.copyOf(greedy, size);
    }

    int size() {
        return size;
    }

    /** The instruction after a {@code CONSUME} at {@code pc}. */
    int next(int pc) {
        return a[pc];
    }

    private int emit(int kind, int x, int y, boolean g) {
        if (size == op.length) {
            int n = size * 2;
            op = Arrays.copyOf(op, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            greedy = Arrays.copyOf(greedy, n);
        }
        op[size] = kind;
        a[size] = x;
        b[size] = y;
        greedy[size] = g;
        return size++;
    }

    private void compile(MatchPattern p) {
        if (p instanceof MatchPattern.Var v) {
            emit(CONSUME, size + 1, v.variable(), false);
        } else if (p instanceof MatchPattern.Concat c) {
            c.parts().forEach(this::compile);
        } else if (p instanceof MatchPattern.Alt alt) {
            int[] jumps = new int[alt.alternatives().size() - 1];
            for (int i = 0; i < alt.alternatives().size(); i++) {
                boolean last = i == alt.alternatives().size() - 1;
                int split = last ? -1 : emit(SPLIT, size + 1, -1, false);
                compile(alt.alternatives().get(i));
                if (!last) {
                    jumps[i] = emit(JUMP, -1, 0, false);
                    b[split] = size;
                }
            }
            for (int j : jumps) {
                a[j] = size;
            }
        } else if (p instanceof MatchPattern.Repeat r) {
            for (int i = 0; i < r.min(); i++) {
                compile(r.body());
            }
            if (r.max() == -1) {
                int split = emit(SPLIT, -1, -1, r.greedy());
                int body = size;
                compile(r.body());
                emit(JUMP, split, 0, false);
                setSplit(split, body, size, r.greedy());
            } else {
                int optional = r.max() - r.min();
                int[] splits = new int[optional];
                for (int i = 0; i < optional; i++) {
                    splits[i] = emit(SPLIT, -1, -1, r.greedy());
                    int body = size;
                    compile(r.body());
                    a[splits[i]] = body; // exit fixed below
                }
                for (int s : splits) {
                    setSplit(s, a[s], size, r.greedy());
                }
            }
        }
    }

    /** A loop's split: greedy prefers {@code body}, reluctant prefers {@code exit}. */
    private void setSplit(int split, int body, int exit, boolean g) {
        a[split] = g ? body : exit;
        b[split] = g ? exit : body;
        greedy[split] = g;
    }

    /**
     * Walks the instructions reachable from {@code pc} without consuming, in preference order,
     * offering each {@code CONSUME} to {@code visitor}; at a greedy split the exit is walked only if
     * the preferred way took nothing. {@code seen} (size {@link #size}, all false) is left dirty.
     * Returns how many consumes took the row.
     */
    int walk(int pc, Visitor visitor, boolean[] seen) {
        if (seen[pc]) {
            return 0;
        }
        seen[pc] = true;
        return switch (op[pc]) {
            case CONSUME -> visitor.consume(pc, b[pc]) ? 1 : 0;
            case JUMP -> walk(a[pc], visitor, seen);
            case SPLIT -> {
                int taken = walk(a[pc], visitor, seen);
                yield greedy[pc] && taken > 0 ? taken : taken + walk(b[pc], visitor, seen);
            }
            default -> 0;
        };
    }

    /** Whether {@code MATCH} is reachable from {@code pc} without consuming another row. */
    boolean accepts(int pc, boolean[] seen) {
        if (seen[pc]) {
            return false;
        }
        seen[pc] = true;
        return switch (op[pc]) {
            case MATCH -> true;
            case JUMP -> accepts(a[pc], seen);
            case SPLIT -> accepts(a[pc], seen) || accepts(b[pc], seen);
            default -> false;
        };
    }
}
