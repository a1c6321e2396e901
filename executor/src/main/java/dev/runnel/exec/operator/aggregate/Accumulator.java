package dev.runnel.exec.operator.aggregate;

import org.apache.arrow.vector.FieldVector;

/**
 * The state of one aggregate call for every group, in arrays indexed by group id that grow by
 * doubling. Single-threaded.
 */
interface Accumulator {
    /** Makes room for group ids below {@code groups}; new groups start empty. */
    void ensureGroups(int groups);

    /**
     * Adds the argument values at {@code rows[0..count)} of {@code args} to the groups
     * {@code groupIds[row]}.
     */
    void add(int[] groupIds, int[] rows, int count, FieldVector[] args);

    /** Writes the results of groups {@code first..first+count)} to rows {@code 0..count)} of {@code out} (allocated). */
    void write(int first, int count, FieldVector out);

    /** Approximate heap bytes held. */
    long retainedBytes();

    static int capacity(int current, int needed) {
        int c = Math.max(current, 16);
        while (c < needed) {
            c *= 2;
        }
        return c;
    }
}
