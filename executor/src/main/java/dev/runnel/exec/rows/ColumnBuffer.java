package dev.runnel.exec.rows;

import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.FieldVector;

/**
 * A growable column of values of one SQL type held in plain heap arrays (primitive arrays where
 * the type allows), with a null bit set: the storage under hash tables, sort buffers and join build
 * sides. Values come from the Arrow vector of the same type (see {@code ArrowTypes}) and go back to
 * one. Single-threaded.
 *
 * <p>Hashing and equality against vectors use "not distinct" semantics: NULL equals NULL, DOUBLE
 * -0.0 equals 0.0 and NaN equals NaN, DECIMALs compare by value. {@link #compare} orders non-null
 * values only; callers place NULLs.
 *
 * <p>State ({@link #snapshot}): a one-byte kind tag, the value count {@code n} (int), the null bit
 * set as {@code ceil(n / 64)} longs, then the values as the subclass keeps them (its backing arrays
 * written in bulk, see {@link StateIO}).
 */
public abstract sealed class ColumnBuffer
        permits LongColumn, IntColumn, DoubleColumn, BooleanColumn, DecimalColumn, BytesColumn, NullColumn {
    static final int NULL_HASH = 0x5bd1e995;

    private long[] nulls = new long[1];
    protected int size;

    /** A column for values of {@code type}. */
    public static ColumnBuffer forType(DataType type) {
        return switch (type.kind()) {
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> new LongColumn();
            case INT, DATE, INTERVAL_YEAR_MONTH -> new IntColumn();
            case DOUBLE -> new DoubleColumn();
            case BOOLEAN -> new BooleanColumn();
            case DECIMAL -> new DecimalColumn();
            case VARCHAR -> new BytesColumn();
            case NULL -> new NullColumn();
        };
    }

    public final int size() {
        return size;
    }

    public final boolean isNull(int idx) {
        return (nulls[idx >>> 6] & (1L << idx)) != 0;
    }

    /** Records whether the value just being appended at {@code idx} is NULL. */
    protected final void setNullBit(int idx, boolean isNull) {
        int word = idx >>> 6;
        if (word >= nulls.length) {
            nulls = Arrays.copyOf(nulls, Math.max(word + 1, nulls.length * 2));
        }
        if (isNull) {
            nulls[word] |= 1L << idx;
        } else {
            nulls[word] &= ~(1L << idx);
        }
    }

    protected static int grow(int capacity, int needed) {
        int c = Math.max(capacity, 16);
        while (c < needed) {
            c = c * 2;
        }
        return c;
    }

    /** Appends the value at {@code row} of {@code v} (a vector of this column's type). */
    public abstract void append(FieldVector v, int row);

    /** Appends the values at {@code rows[0..count)} of {@code v}. */
    public void appendRows(FieldVector v, int[] rows, int count) {
        for (int k = 0; k < count; k++) {
            append(v, rows[k]);
        }
    }

    public abstract void appendNull();

    /** Appends value {@code idx} of {@code other}, a column of the same type. */
    public abstract void appendFrom(ColumnBuffer other, int idx);

    /** Hash of the value at {@code idx}; equal to {@link #hashRow} of an equal vector value. */
    public abstract int hash(int idx);

    /** Hash of the value at {@code row} of {@code v}. */
    public abstract int hashRow(FieldVector v, int row);

    /**
     * Mixes the hash of each value at {@code rows[0..count)} of {@code v} into {@code hashes[row]}
     * ({@code h * 31 + hashRow}).
     */
    public void hashInto(FieldVector v, int[] rows, int count, int[] hashes) {
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            hashes[r] = hashes[r] * 31 + hashRow(v, r);
        }
    }

    /**
     * Hash of the Java value {@code v} (this column's representation, see {@code TypeKind}; null for
     * NULL), equal to {@link #hashRow} of a vector holding it: probes a hash table with a value.
     */
    public abstract int hashValue(Object v);

    /** Whether the value at {@code idx} equals the Java value {@code v} (NULL equals NULL), as {@link #equalsRow}. */
    public abstract boolean equalsValue(int idx, Object v);

    /** Whether value {@code idx} is not distinct from the value at {@code row} of {@code v}. */
    public abstract boolean equalsRow(int idx, FieldVector v, int row);

    /** Orders two non-null values of this column. */
    public abstract int compare(int a, int b);

    /** Orders the non-null value {@code idx} against the non-null value at {@code row} of {@code v}, as {@link #compare}. */
    public abstract int compareRow(int idx, FieldVector v, int row);

    /**
     * Keeps only values {@code kept[0..count)} (ascending indices), moved in place to indices
     * {@code 0..count)}; the arrays keep their capacity, so appends after it need not grow them.
     */
    public final void retain(int[] kept, int count) {
        for (int k = 0; k < count; k++) {
            setNullBit(k, isNull(kept[k]));
        }
        moveValues(kept, count);
        size = count;
    }

    /** Moves values {@code kept[k]} to {@code k} for {@code k < count} ({@code kept} ascending; see {@link #retain}). */
    abstract void moveValues(int[] kept, int count);

    /**
     * Writes value {@code idx} (or NULL) into {@code out} at {@code outRow}; {@code out} must have
     * been allocated for at least {@code outRow + 1} values (variable-width data grows as needed).
     */
    public abstract void write(int idx, FieldVector out, int outRow);

    /** Writes values {@code indices[from..from+count)} to rows {@code 0..count)} of {@code out}. */
    public void write(int[] indices, int from, int count, FieldVector out) {
        for (int k = 0; k < count; k++) {
            write(indices[from + k], out, k);
        }
    }

    /** Writes values {@code first..first+count)} to rows {@code 0..count)} of {@code out}. */
    public void writeRange(int first, int count, FieldVector out) {
        for (int k = 0; k < count; k++) {
            write(first + k, out, k);
        }
    }

    /** The value at {@code idx} in its Java representation (null for NULL). */
    public abstract Object get(int idx);

    /** Forgets every value, keeping the arrays for reuse. */
    public void clear() {
        Arrays.fill(nulls, 0L);
        size = 0;
    }

    /** Approximate heap bytes held. */
    public abstract long retainedBytes();

    /** Writes every value (see the class comment), so {@link #restore} on an empty column of the same type gets them back. */
    public final void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeTag(out, stateTag());
        out.writeInt(size);
        StateIO.writeLongs(out, nulls, 0, (size + 63) >>> 6);
        writeValues(out);
    }

    /** Replaces this column's values with those {@link #snapshot} wrote, at the same indices. */
    public final void restore(DataInputStream in) throws IOException {
        StateIO.checkTag(in, stateTag(), "a " + getClass().getSimpleName());
        int n = StateIO.readCount(in, "column values");
        clear();
        int words = (n + 63) >>> 6;
        if (nulls.length < words) {
            nulls = new long[words];
        }
        StateIO.readLongs(in, nulls, 0, words);
        readValues(in, n);
        size = n;
    }

    /** The kind of column, checked on restore. */
    abstract char stateTag();

    /** Writes values {@code [0, size)} (NULL slots as the subclass likes). */
    abstract void writeValues(DataOutputStream out) throws IOException;

    /** Reads {@code n} values written by {@link #writeValues}; the null bits are already restored. */
    abstract void readValues(DataInputStream in, int n) throws IOException;

    static int mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return (int) x;
    }
}
