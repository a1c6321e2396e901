package dev.runnel.exec.search;

import java.util.Arrays;

/**
 * A hash map from byte strings (UTF-8 values, prefixes, tokens) to lists of ints (conjunction ids),
 * open addressing with linear probing. Probed with a slice of a byte array and its hash
 * ({@link #hash}, which can also be computed byte by byte with {@link #step}), so probing the
 * values of a batch copies nothing and allocates nothing. Built once, then only read.
 */
final class BytesIntsMap {
    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private int[][] values = new int[16][];
    private int[] counts = new int[16];
    private int size;

    static final int SEED = 0x811C9DC5;

    /** One byte more of a running hash (FNV-1a). */
    static int step(int h, byte b) {
        return (h ^ (b & 0xFF)) * 0x01000193;
    }

    static int hash(byte[] b, int from, int to) {
        int h = SEED;
        for (int i = from; i < to; i++) {
            h = step(h, b[i]);
        }
        return h;
    }

    void add(byte[] key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int h = hash(key, 0, key.length);
        int i = slot(h, keys.length);
        while (keys[i] != null && !(hashes[i] == h && Arrays.equals(keys[i], key))) {
            i = (i + 1) & (keys.length - 1);
        }
        if (keys[i] == null) {
            keys[i] = key;
            hashes[i] = h;
            values[i] = new int[2];
            size++;
        } else if (counts[i] == values[i].length) {
            values[i] = Arrays.copyOf(values[i], counts[i] * 2);
        }
        values[i][counts[i]++] = value;
    }

    void freeze() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].length != counts[i]) {
                values[i] = Arrays.copyOf(values[i], counts[i]);
            }
        }
    }

    /** The values of the key {@code b[0..length)} whose {@link #hash} is {@code h}, or null. */
    int[] get(byte[] b, int length, int h) {
        int mask = keys.length - 1;
        int i = slot(h, keys.length);
        byte[] k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && k.length == length && Arrays.equals(k, 0, length, b, 0, length)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private static int slot(int h, int capacity) {
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    private void grow() {
        byte[][] oldKeys = keys;
        int[] oldHashes = hashes;
        int[][] oldValues = values;
        int[] oldCounts = counts;
        int n = oldKeys.length * 2;
        keys = new byte[n][];
        hashes = new int[n];
        values = new int[n][];
        counts = new int[n];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = slot(oldHashes[j], n);
                while (keys[i] != null) {
                    i = (i + 1) & (n - 1);
                }
                keys[i] = oldKeys[j];
                hashes[i] = oldHashes[j];
                values[i] = oldValues[j];
                counts[i] = oldCounts[j];
            }
        }
    }
}
