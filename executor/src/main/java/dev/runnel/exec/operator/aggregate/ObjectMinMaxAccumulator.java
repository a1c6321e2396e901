package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.exec.expr.fn.Decimals;
import java.math.BigDecimal;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * MIN, MAX or ANY_VALUE of DECIMAL (BigDecimal per group) or VARCHAR (UTF-8 bytes per group,
 * compared in place against the vector before copying, so only improvements allocate).
 * Single-threaded.
 */
final class ObjectMinMaxAccumulator implements Accumulator {
    private final MinMaxMode mode;
    private Object[] values = new Object[16];

    ObjectMinMaxAccumulator(MinMaxMode mode) {
        this.mode = mode;
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > values.length) {
            values = Arrays.copyOf(values, Accumulator.capacity(values.length, groups));
        }
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        if (args[0] instanceof VarCharVector s) {
            addText(groupIds, rows, count, s);
            return;
        }
        DecimalVector d = (DecimalVector) args[0];
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (d.isNull(r)) {
                continue;
            }
            int g = groupIds[r];
            BigDecimal x = d.getObjectNotNull(r);
            if (values[g] == null || mode.replaces(x.compareTo((BigDecimal) values[g]))) {
                values[g] = x;
            }
        }
    }

    private void addText(int[] groupIds, int[] rows, int count, VarCharVector s) {
        ArrowBuf data = s.getDataBuffer();
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (s.isNull(r)) {
                continue;
            }
            int g = groupIds[r];
            int start = s.getStartOffset(r);
            int end = s.getEndOffset(r);
            byte[] kept = (byte[]) values[g];
            if (kept == null || mode.replaces(ByteFunctionHelpers.compare(data, start, end, kept, 0, kept.length))) {
                byte[] b = new byte[end - start];
                data.getBytes(start, b, 0, b.length);
                values[g] = b;
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int k) {
        ResultWriter.writeObject(out, k, values[g]);
    }

    @Override
    public long retainedBytes() {
        return 40L * values.length;
    }

    /** Per group a kind byte (0 none, 'm' DECIMAL, 's' UTF-8 bytes) and the value. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'O');
        for (int g = 0; g < groups; g++) {
            Object v = values[g];
            if (v == null) {
                out.writeByte(0);
            } else if (v instanceof BigDecimal d) {
                out.writeByte('m');
                StateIO.writeDecimal(out, d);
            } else {
                out.writeByte('s');
                StateIO.writeByteString(out, (byte[]) v);
            }
        }
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'O', "a DECIMAL or VARCHAR MIN, MAX or ANY_VALUE");
        ensureGroups(groups);
        for (int g = 0; g < groups; g++) {
            int kind = in.readUnsignedByte();
            values[g] = switch (kind) {
                case 0 -> null;
                case 'm' -> StateIO.readDecimal(in);
                case 's' -> StateIO.readByteString(in);
                default -> throw new IOException("damaged MIN/MAX state: value kind " + kind);
            };
        }
    }
}
