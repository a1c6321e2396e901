package dev.runnel.exec.operator.aggregate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.exec.expr.fn.SqlErrors;
import org.apache.arrow.vector.FieldVector;

/**
 * The state of one aggregate call for every group, in arrays indexed by group id that grow by
 * doubling. Over a changelog input (rows that retract earlier rows) the operator also calls
 * {@link #retract}; an accumulator that cannot take a value back says so in {@link #retractable}.
 * Single-threaded.
 */
interface Accumulator {
    /** Makes room for group ids below {@code groups}; new groups start empty. */
    void ensureGroups(int groups);

    /**
     * Adds the argument values at {@code rows[0..count)} of {@code args} to the groups
     * {@code groupIds[row]}.
     */
    void add(int[] groupIds, int[] rows, int count, FieldVector[] args);

    /** Writes the result of group {@code group} into row {@code row} of {@code out} (allocated). */
    void writeGroup(int group, FieldVector out, int row);

    /** Writes the results of groups {@code first..first+count)} to rows {@code 0..count)} of {@code out} (allocated). */
    default void write(int first, int count, FieldVector out) {
        for (int k = 0; k < count; k++) {
            writeGroup(first + k, out, k);
        }
    }

    /** Writes the results of groups {@code groups[0..count)} to rows {@code 0..count)} of {@code out} (allocated). */
    default void write(int[] groups, int count, FieldVector out) {
        for (int k = 0; k < count; k++) {
            writeGroup(groups[k], out, k);
        }
    }

    /** Whether {@link #retract} works: the accumulator keeps what it needs to take a value back. */
    default boolean retractable() {
        return false;
    }

    /**
     * Takes back values added earlier: the argument values at {@code rows[0..count)} of {@code args}
     * leave the groups {@code groupIds[row]}. Only called when {@link #retractable()}.
     */
    default void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        throw SqlErrors.unsupported(getClass().getSimpleName() + " cannot take back values");
    }

    /** Approximate heap bytes held. */
    long retainedBytes();

    /**
     * Writes the state of groups {@code [0, groups)} (ids {@link #ensureGroups} made room for):
     * first a one-byte tag naming the accumulator kind, then its per-group arrays in bulk
     * ({@code StateIO}). Configuration that comes from the plan (function, mode, result type) is
     * not written.
     */
    void snapshot(DataOutputStream out, int groups) throws IOException;

    /**
     * Reads what {@link #snapshot} wrote for {@code groups} groups into this accumulator, which holds
     * no groups yet (made for the same call): afterwards it answers as the written one did.
     */
    void restore(DataInputStream in, int groups) throws IOException;

    static int capacity(int current, int needed) {
        int c = Math.max(current, 16);
        while (c < needed) {
            c *= 2;
        }
        return c;
    }
}
