package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.exec.expr.fn.Arith;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/** MIN, MAX or ANY_VALUE of DOUBLE in SQL's total order (NaN above all numbers). Single-threaded. */
final class DoubleMinMaxAccumulator implements Accumulator {
    private final MinMaxMode mode;
    private double[] values = new double[16];
    private boolean[] seen = new boolean[16];

    DoubleMinMaxAccumulator(MinMaxMode mode) {
        this.mode = mode;
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > values.length) {
            int c = Accumulator.capacity(values.length, groups);
            values = Arrays.copyOf(values, c);
            seen = Arrays.copyOf(seen, c);
        }
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        Float8Vector v = (Float8Vector) args[0];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (BitVectorHelper.get(validity, r) == 0) {
                continue;
            }
            double x = data.getDouble((long) r << 3);
            int g = groupIds[r];
            if (!seen[g]) {
                seen[g] = true;
                values[g] = x;
            } else if (mode.replaces(Arith.compare(x, values[g]))) {
                values[g] = x;
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int k) {
        if (seen[g]) {
            ((Float8Vector) out).set(k, values[g]);
        } else {
            ResultWriter.writeNull(out, k);
        }
    }

    @Override
    public long retainedBytes() {
        return 9L * values.length;
    }

    /** Values (raw bits), then a bit per group for whether it has one. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'D');
        StateIO.writeDoubles(out, values, 0, groups);
        StateIO.writeBits(out, seen, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'D', "a DOUBLE MIN, MAX or ANY_VALUE");
        ensureGroups(groups);
        StateIO.readDoubles(in, values, 0, groups);
        StateIO.readBits(in, seen, 0, groups);
    }
}
