package dev.runnel.exec.search;

import java.util.Arrays;

/**
 * A hash map from {@code long} keys to lists of ints (conjunction ids), open addressing with linear
 * probing; built once, then only read ({@link #get}), so probing never boxes or allocates.
 * Not thread-safe while building.
 */
final class LongIntsMap {
    private long[] keys = new long[16];
    private int[][] values = new int[16][];
    private int[] counts = new int[16];
    private int size;

    void add(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = slot(key, keys.length);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & (keys.length - 1);
        }
        if (values[i] == null) {
            keys[i] = key;
            values[i] = new int[2];
            size++;
        } else if (counts[i] == values[i].length) {
            values[i] = Arrays.copyOf(values[i], counts[i] * 2);
        }
        values[i][counts[i]++] = value;
    }

    /** Trims the lists to their lengths; call once after the last {@link #add}. */
    void freeze() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].length != counts[i]) {
                values[i] = Arrays.copyOf(values[i], counts[i]);
            }
        }
    }

    /** The values of {@code key} (after {@link #freeze}), or null. */
    int[] get(long key) {
        int mask = keys.length - 1;
        int i = slot(key, keys.length);
        int[] v;
        while ((v = values[i]) != null) {
            if (keys[i] == key) {
                return v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private static int slot(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & (capacity - 1);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[][] oldValues = values;
        int[] oldCounts = counts;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2][];
        counts = new int[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j], keys.length);
                while (values[i] != null) {
                    i = (i + 1) & (keys.length - 1);
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                counts[i] = oldCounts[j];
            }
        }
    }
}
