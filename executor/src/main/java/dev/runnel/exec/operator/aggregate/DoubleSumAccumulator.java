package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/** SUM or AVG of DOUBLE: a double sum and a count per group; NULL for groups without values. Single-threaded. */
final class DoubleSumAccumulator implements Accumulator {
    private final boolean average;
    private double[] sums = new double[16];
    private long[] counts = new long[16];

    DoubleSumAccumulator(boolean average) {
        this.average = average;
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > sums.length) {
            int c = Accumulator.capacity(sums.length, groups);
            sums = Arrays.copyOf(sums, c);
            counts = Arrays.copyOf(counts, c);
        }
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        Float8Vector v = (Float8Vector) args[0];
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (BitVectorHelper.get(validity, r) != 0) {
                int g = groupIds[r];
                sums[g] += data.getDouble((long) r << 3);
                counts[g]++;
            }
        }
    }

    @Override
    public boolean retractable() {
        return true;
    }

    /** Subtracts; a group whose last value leaves starts again from an exact zero (no rounding residue). */
    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        Float8Vector v = (Float8Vector) args[0];
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (BitVectorHelper.get(validity, r) != 0) {
                int g = groupIds[r];
                sums[g] = --counts[g] == 0 ? 0 : sums[g] - data.getDouble((long) r << 3);
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int k) {
        if (counts[g] == 0) {
            ResultWriter.writeNull(out, k);
        } else {
            ResultWriter.writeDouble(out, k, average ? sums[g] / counts[g] : sums[g]);
        }
    }

    @Override
    public long retainedBytes() {
        return 16L * sums.length;
    }

    /** Sums (raw bits), then counts. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'd');
        StateIO.writeDoubles(out, sums, 0, groups);
        StateIO.writeLongs(out, counts, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'd', "a DOUBLE SUM or AVG");
        ensureGroups(groups);
        StateIO.readDoubles(in, sums, 0, groups);
        StateIO.readLongs(in, counts, 0, groups);
    }
}
