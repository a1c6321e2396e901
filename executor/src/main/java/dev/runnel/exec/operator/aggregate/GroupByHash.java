package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.rows.ColumnBuffer;
import dev.runnel.exec.rows.IntColumn;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Maps key tuples to dense group ids 0, 1, 2, ... in order of first appearance: the keys live in
 * {@link ColumnBuffer}s (group id = index), found through an open-addressing table of ids with the
 * hash of each group kept beside it. Keys compare as NOT DISTINCT (NULL equals NULL). An optional
 * int prefix per row joins the key (DISTINCT aggregates use the group id). Single-threaded.
 */
public final class GroupByHash {
    private final ColumnBuffer[] keys;
    private final IntColumn prefix;
    private int[] table = new int[64]; // group id + 1; 0 = empty
    private int[] groupHashes = new int[32];
    private int groups;
    private int[] hashes = new int[0];

    public GroupByHash(List<DataType> keyTypes, boolean withPrefix) {
        this.keys = new ColumnBuffer[keyTypes.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ColumnBuffer.forType(keyTypes.get(k));
        }
        this.prefix = withPrefix ? new IntColumn() : null;
    }

    public int groupCount() {
        return groups;
    }

    public ColumnBuffer keyColumn(int k) {
        return keys[k];
    }

    /**
     * Sets {@code ids[row]} for each row in {@code rows[0..count)} to the id of its key tuple (the
     * values at that row of {@code keyVectors}, and {@code prefixes[row]} when the table has a
     * prefix), adding groups for new tuples.
     */
    public void assign(FieldVector[] keyVectors, int[] prefixes, int[] rows, int count, int[] ids) {
        int maxRow = 0;
        for (int k = 0; k < count; k++) {
            maxRow = Math.max(maxRow, rows[k]);
        }
        if (hashes.length <= maxRow) {
            hashes = new int[Math.max(maxRow + 1, 1024)];
        }
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            hashes[r] = prefix == null ? 1 : mixInt(prefixes[r]);
        }
        for (int c = 0; c < keys.length; c++) {
            keys[c].hashInto(keyVectors[c], rows, count, hashes);
        }
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            int h = finalMix(hashes[r]);
            int mask = table.length - 1;
            int slot = h & mask;
            while (true) {
                int entry = table[slot];
                if (entry == 0) {
                    int id = addGroup(keyVectors, prefixes, r, h);
                    table[slot] = id + 1;
                    ids[r] = id;
                    if (groups * 2 > table.length) {
                        rehash();
                    }
                    break;
                }
                int id = entry - 1;
                if (groupHashes[id] == h && keysEqual(id, keyVectors, prefixes, r)) {
                    ids[r] = id;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /**
     * The id of the key tuple at row {@code row} of {@code keyVectors}, or -1 when it has none; adds
     * nothing (safe for readers while no thread assigns). Only for a table without a prefix.
     */
    public int find(FieldVector[] keyVectors, int row) {
        int h = 1;
        for (int c = 0; c < keys.length; c++) {
            h = h * 31 + keys[c].hashRow(keyVectors[c], row); // as hashInto
        }
        h = finalMix(h);
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (groupHashes[id] == h && keysEqual(id, keyVectors, null, row)) {
                return id;
            }
        }
    }

    /**
     * The id of the key tuple {@code key} (Java values of the key columns' types, see
     * {@code TypeKind}; as {@link dev.runnel.exec.expr.SqlValues#coerce} makes them), or -1 when it
     * has none; adds nothing, like {@link #find(FieldVector[], int)}. Only for a table without a prefix.
     */
    public int findValues(Object[] key) {
        int h = 1;
        for (int c = 0; c < keys.length; c++) {
            h = h * 31 + keys[c].hashValue(key[c]);
        }
        h = finalMix(h);
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                return -1;
            }
            int id = entry - 1;
            if (groupHashes[id] == h && valuesEqual(id, key)) {
                return id;
            }
        }
    }

    private boolean valuesEqual(int id, Object[] key) {
        for (int c = 0; c < keys.length; c++) {
            if (!keys[c].equalsValue(id, key[c])) {
                return false;
            }
        }
        return true;
    }

    private boolean keysEqual(int id, FieldVector[] keyVectors, int[] prefixes, int r) {
        if (prefix != null && prefix.getInt(id) != prefixes[r]) {
            return false;
        }
        for (int c = 0; c < keys.length; c++) {
            if (!keys[c].equalsRow(id, keyVectors[c], r)) {
                return false;
            }
        }
        return true;
    }

    private int addGroup(FieldVector[] keyVectors, int[] prefixes, int r, int h) {
        int id = groups++;
        if (prefix != null) {
            prefix.appendInt(prefixes[r]);
        }
        for (int c = 0; c < keys.length; c++) {
            keys[c].append(keyVectors[c], r);
        }
        if (id >= groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, groupHashes.length * 2);
        }
        groupHashes[id] = h;
        return id;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < groups; id++) {
            int slot = groupHashes[id] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = id + 1;
        }
        table = bigger;
    }

    private static int mixInt(int x) {
        x *= 0x9E3779B9;
        return x ^ (x >>> 16);
    }

    private static int finalMix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Forgets every group, keeping the arrays for reuse (a table of per-batch groups). */
    public void clear() {
        Arrays.fill(table, 0);
        for (ColumnBuffer k : keys) {
            k.clear();
        }
        if (prefix != null) {
            prefix.clear();
        }
        groups = 0;
    }

    /** Approximate heap bytes held. */
    public long retainedBytes() {
        long b = 4L * table.length + 4L * groupHashes.length;
        for (ColumnBuffer k : keys) {
            b += k.retainedBytes();
        }
        return b;
    }

    /** Writes the groups (see the class comment). */
    public void snapshot(DataOutputStream out) throws IOException {
        out.writeInt(keys.length);
        out.writeInt(groups);
        out.writeInt(table.length);
        out.writeBoolean(prefix != null);
        for (ColumnBuffer k : keys) {
            k.snapshot(out);
        }
        if (prefix != null) {
            prefix.snapshot(out);
        }
        StateIO.writeInts(out, groupHashes, 0, groups);
    }

    /** Makes this empty table hold the groups {@link #snapshot} wrote, with the same ids. */
    public void restore(DataInputStream in) throws IOException {
        if (groups != 0) {
            throw new IllegalStateException("restore into a group table that already has groups");
        }
        StateIO.checkCount(in, keys.length, "group key columns");
        int n = StateIO.readCount(in, "groups");
        int tableLength = in.readInt();
        if (Integer.bitCount(tableLength) != 1 || tableLength < 2L * n) {
            throw new IOException("damaged group table state: " + n + " groups in a table of " + tableLength);
        }
        if (in.readBoolean() != (prefix != null)) {
            throw new IOException("the checkpoint's group table " + (prefix == null ? "has" : "lacks")
                    + " a prefix column: it is of another plan");
        }
        for (ColumnBuffer k : keys) {
            restoreColumn(k, in, n);
        }
        if (prefix != null) {
            restoreColumn(prefix, in, n);
        }
        groupHashes = new int[Math.max(32, Integer.highestOneBit(Math.max(1, n)) << 1)];
        StateIO.readInts(in, groupHashes, 0, n);
        groups = n;
        table = new int[tableLength];
        int mask = tableLength - 1;
        for (int id = 0; id < n; id++) {
            int slot = groupHashes[id] & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id + 1;
        }
    }

    private static void restoreColumn(ColumnBuffer c, DataInputStream in, int n) throws IOException {
        c.restore(in);
        if (c.size() != n) {
            throw new IOException("damaged group table state: a key column of " + c.size() + " values for " + n
                    + " groups");
        }
    }
}
