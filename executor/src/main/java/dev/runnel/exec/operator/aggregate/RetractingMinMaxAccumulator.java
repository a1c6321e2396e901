package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.exec.expr.fn.Arith;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.TreeMap;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * MIN, MAX or ANY_VALUE over a changelog: a retraction may take away the current extreme, so each
 * group keeps the multiset of its values (value to multiplicity, sorted) and answers with its first
 * or last entry. Values are held as {@code Long} (integral types, raw), {@code Double},
 * {@link BigDecimal} or UTF-8 {@code byte[]} (compared unsigned, which is code point order). Only
 * chosen when the input can retract: an append-only input keeps one value per group
 * ({@link LongMinMaxAccumulator} and friends). Single-threaded.
 */
final class RetractingMinMaxAccumulator implements Accumulator {
    static final Comparator<Object> ORDER = (a, b) -> {
        if (a instanceof Long x) {
            return Long.compare(x, (Long) b);
        }
        if (a instanceof Double x) {
            return Arith.compare(x, (Double) b);
        }
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b);
        }
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    };

    private final MinMaxMode mode;
    private TreeMap<Object, long[]>[] values = newArray(16);

    RetractingMinMaxAccumulator(MinMaxMode mode) {
        this.mode = mode;
    }

    @SuppressWarnings("unchecked")
    private static TreeMap<Object, long[]>[] newArray(int n) {
        return (TreeMap<Object, long[]>[]) new TreeMap<?, ?>[n];
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > values.length) {
            values = Arrays.copyOf(values, Accumulator.capacity(values.length, groups));
        }
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        FieldVector v = args[0];
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (v.isNull(r)) {
                continue;
            }
            int g = groupIds[r];
            TreeMap<Object, long[]> m = values[g];
            if (m == null) {
                m = new TreeMap<>(ORDER);
                values[g] = m;
            }
            m.computeIfAbsent(read(v, r), x -> new long[1])[0]++;
        }
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        FieldVector v = args[0];
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (v.isNull(r)) {
                continue;
            }
            TreeMap<Object, long[]> m = values[groupIds[r]];
            Object x = read(v, r);
            long[] n = m == null ? null : m.get(x);
            if (n == null) {
                throw new IllegalStateException("a retraction of a value the group does not hold: " + x);
            }
            if (--n[0] == 0) {
                m.remove(x);
            }
        }
    }

    static Object read(FieldVector v, int r) {
        if (v instanceof Float8Vector d) {
            return d.get(r);
        }
        if (v instanceof DecimalVector d) {
            return d.getObjectNotNull(r);
        }
        if (v instanceof VarCharVector s) {
            return s.get(r);
        }
        ArrowBuf data = v.getDataBuffer();
        if (v instanceof BitVector) {
            return (long) BitVectorHelper.get(data, r);
        }
        return ((BaseFixedWidthVector) v).getTypeWidth() == 8 ? data.getLong((long) r << 3)
                : (long) data.getInt((long) r << 2);
    }

    @Override
    public void writeGroup(int g, FieldVector out, int row) {
        TreeMap<Object, long[]> m = values[g];
        if (m == null || m.isEmpty()) {
            ResultWriter.writeNull(out, row);
            return;
        }
        Object x = mode == MinMaxMode.MAX ? m.lastKey() : m.firstKey();
        if (x instanceof Long l) {
            ResultWriter.writeRaw(out, row, l);
        } else if (x instanceof Double d) {
            ((Float8Vector) out).set(row, d);
        } else {
            ResultWriter.writeObject(out, row, x);
        }
    }

    @Override
    public long retainedBytes() {
        long b = 8L * values.length;
        for (TreeMap<Object, long[]> m : values) {
            if (m != null) {
                b += 80L * m.size();
            }
        }
        return b;
    }

    /**
     * Per group the number of distinct values (int); for a group with some, the kind of its values
     * (a byte: 'l' integral, 'd' DOUBLE, 'm' DECIMAL, 's' UTF-8 bytes) and then each value in order
     * with its multiplicity (long).
     */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'R');
        for (int g = 0; g < groups; g++) {
            TreeMap<Object, long[]> m = values[g];
            if (m == null || m.isEmpty()) {
                out.writeInt(0);
                continue;
            }
            out.writeInt(m.size());
            Object first = m.firstKey();
            char kind = first instanceof Long ? 'l' : first instanceof Double ? 'd' : first instanceof BigDecimal ? 'm' : 's';
            out.writeByte(kind);
            for (java.util.Map.Entry<Object, long[]> e : m.entrySet()) {
                switch (kind) {
                    case 'l' -> out.writeLong((Long) e.getKey());
                    case 'd' -> out.writeLong(Double.doubleToRawLongBits((Double) e.getKey()));
                    case 'm' -> StateIO.writeDecimal(out, (BigDecimal) e.getKey());
                    default -> StateIO.writeByteString(out, (byte[]) e.getKey());
                }
                out.writeLong(e.getValue()[0]);
            }
        }
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'R', "a MIN or MAX over a changelog");
        ensureGroups(groups);
        for (int g = 0; g < groups; g++) {
            int n = StateIO.readCount(in, "values of a group");
            if (n == 0) {
                values[g] = null;
                continue;
            }
            int kind = in.readUnsignedByte();
            TreeMap<Object, long[]> m = new TreeMap<>(ORDER);
            for (int i = 0; i < n; i++) {
                Object key = switch (kind) {
                    case 'l' -> in.readLong();
                    case 'd' -> Double.longBitsToDouble(in.readLong());
                    case 'm' -> StateIO.readDecimal(in);
                    case 's' -> StateIO.readByteString(in);
                    default -> throw new IOException("damaged MIN/MAX state: value kind " + kind);
                };
                m.put(key, new long[] {in.readLong()});
            }
            values[g] = m;
        }
    }
}
