package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * FIRST_VALUE, LAST_VALUE and LISTAGG: the group's values that are not NULL in arrival order, as
 * Flink keeps them. FIRST_VALUE answers the first, LAST_VALUE the last, LISTAGG joins them with its
 * separator (the second argument, a constant; default {@code ','}). Over a changelog a retraction
 * takes away the first equal value still held, so every value is kept; over an append-only input
 * FIRST_VALUE and LAST_VALUE keep one value per group. Values are held as in
 * {@link RetractingMinMaxAccumulator}. Single-threaded.
 */
final class SequenceAccumulator implements Accumulator {
    enum Kind { FIRST, LAST, LISTAGG }

    private static final byte[] DEFAULT_SEPARATOR = {','};
    private final Kind kind;
    private final boolean retracting;
    private List<Object>[] values = newArray(16);
    private byte[] separator;

    SequenceAccumulator(Kind kind, boolean retracting) {
        this.kind = kind;
        this.retracting = retracting;
    }

    @SuppressWarnings("unchecked")
    private static List<Object>[] newArray(int n) {
        return (List<Object>[]) new List<?>[n];
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
            if (separator == null && kind == Kind.LISTAGG && args.length > 1 && !args[1].isNull(r)) {
                separator = ((VarCharVector) args[1]).get(r);
            }
            int g = groupIds[r];
            List<Object> list = values[g];
            if (list == null) {
                list = new ArrayList<>(kind == Kind.LISTAGG || retracting ? 4 : 1);
                values[g] = list;
            }
            if (retracting || kind == Kind.LISTAGG || list.isEmpty()) {
                list.add(RetractingMinMaxAccumulator.read(v, r));
            } else if (kind == Kind.LAST) {
                list.set(0, RetractingMinMaxAccumulator.read(v, r));
            }
        }
    }

    @Override
    public boolean retractable() {
        return retracting;
    }

    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        FieldVector v = args[0];
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (v.isNull(r)) {
                continue;
            }
            List<Object> list = values[groupIds[r]];
            Object x = RetractingMinMaxAccumulator.read(v, r);
            int at = -1;
            for (int i = 0; list != null && i < list.size() && at < 0; i++) {
                if (RetractingMinMaxAccumulator.ORDER.compare(list.get(i), x) == 0) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new IllegalStateException("a retraction of a value the group does not hold: " + x);
            }
            list.remove(at);
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int row) {
        List<Object> list = values[g];
        if (list == null || list.isEmpty()) {
            ResultWriter.writeNull(out, row);
            return;
        }
        Object x = switch (kind) {
            case FIRST -> list.get(0);
            case LAST -> list.get(list.size() - 1);
            case LISTAGG -> join(list);
        };
        if (x instanceof Long l) {
            ResultWriter.writeRaw(out, row, l);
        } else if (x instanceof Double d) {
            ((Float8Vector) out).set(row, d);
        } else {
            ResultWriter.writeObject(out, row, x);
        }
    }

    private byte[] join(List<Object> list) {
        byte[] sep = separator == null ? DEFAULT_SEPARATOR : separator;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                b.writeBytes(sep);
            }
            b.writeBytes((byte[]) list.get(i));
        }
        return b.toByteArray();
    }

    @Override
    public long retainedBytes() {
        long b = 8L * values.length;
        for (List<Object> l : values) {
            if (l != null) {
                b += 40L + 32L * l.size();
            }
        }
        return b;
    }

    /**
     * The separator (a flag byte, then its UTF-8 bytes when set); per group the number of values held
     * (int) and, for a group with some, their kind (a byte: 'l' integral, 'd' DOUBLE, 'm' DECIMAL, 's'
     * UTF-8 bytes) and the values in arrival order.
     */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'Q');
        out.writeBoolean(separator != null);
        if (separator != null) {
            StateIO.writeByteString(out, separator);
        }
        for (int g = 0; g < groups; g++) {
            List<Object> list = values[g];
            if (list == null || list.isEmpty()) {
                out.writeInt(0);
                continue;
            }
            out.writeInt(list.size());
            Object first = list.get(0);
            char k = first instanceof Long ? 'l' : first instanceof Double ? 'd' : first instanceof BigDecimal ? 'm' : 's';
            out.writeByte(k);
            for (Object x : list) {
                switch (k) {
                    case 'l' -> out.writeLong((Long) x);
                    case 'd' -> out.writeLong(Double.doubleToRawLongBits((Double) x));
                    case 'm' -> StateIO.writeDecimal(out, (BigDecimal) x);
                    default -> StateIO.writeByteString(out, (byte[]) x);
                }
            }
        }
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'Q', "a FIRST_VALUE, LAST_VALUE or LISTAGG");
        ensureGroups(groups);
        separator = in.readBoolean() ? StateIO.readByteString(in) : null;
        for (int g = 0; g < groups; g++) {
            int n = StateIO.readCount(in, "values of a group");
            if (n == 0) {
                values[g] = null;
                continue;
            }
            int k = in.readUnsignedByte();
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(switch (k) {
                    case 'l' -> in.readLong();
                    case 'd' -> Double.longBitsToDouble(in.readLong());
                    case 'm' -> StateIO.readDecimal(in);
                    case 's' -> StateIO.readByteString(in);
                    default -> throw new IOException("damaged FIRST_VALUE/LAST_VALUE/LISTAGG state: value kind " + k);
                });
            }
            values[g] = list;
        }
    }
}
