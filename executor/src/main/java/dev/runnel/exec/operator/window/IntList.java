package dev.runnel.exec.operator.window;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/** A growable list of primitive ints (a session's row indices). Single-threaded. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 2)];
    }

    int size() {
        return size;
    }

    int get(int i) {
        return values[i];
    }

    void set(int i, int v) {
        values[i] = v;
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void addAll(IntList other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, size * 2));
        }
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    /** Writes the size (int) and the values (ints, in bulk). */
    void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(size);
        dev.runnel.exec.state.StateIO.writeInts(out, values, 0, size);
    }

    /** Appends the values {@link #snapshot} wrote. */
    void restore(DataInputStream in) throws IOException {
        int n = dev.runnel.exec.state.StateIO.readCount(in, "row indices");
        if (size + n > values.length) {
            values = Arrays.copyOf(values, Math.max(size + n, 2));
        }
        dev.runnel.exec.state.StateIO.readInts(in, values, size, n);
        size += n;
    }

    long retainedBytes() {
        return 16 + 4L * values.length;
    }
}
