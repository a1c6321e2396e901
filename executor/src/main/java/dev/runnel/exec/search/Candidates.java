package dev.runnel.exec.search;

import java.util.Arrays;

/** (row, conjunction) pairs found by probing one batch, in two growable int arrays. Single-threaded. */
final class Candidates {
    int[] rows = new int[1024];
    int[] ids = new int[1024];
    int size;

    void add(int row, int id) {
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        rows[size] = row;
        ids[size] = id;
        size++;
    }

    void clear() {
        size = 0;
    }
}
