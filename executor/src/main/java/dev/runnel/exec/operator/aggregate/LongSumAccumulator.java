package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.exec.expr.fn.Arith;
import dev.runnel.sql.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * SUM or AVG of INT/BIGINT (and intervals): an exact long sum (overflow is a data error) and a
 * count per group. AVG divides exactly in the result type: truncating for integers, HALF_UP for
 * DECIMAL. NULL for groups without values. Single-threaded.
 */
final class LongSumAccumulator implements Accumulator {
    private final boolean average;
    private final DataType resultType;
    private long[] sums = new long[16];
    private long[] counts = new long[16];

    LongSumAccumulator(boolean average, DataType resultType) {
        this.average = average;
        this.resultType = resultType;
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
        BaseFixedWidthVector v = (BaseFixedWidthVector) args[0];
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        boolean wide = v.getTypeWidth() == 8;
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (BitVectorHelper.get(validity, r) == 0) {
                continue;
            }
            long x = wide ? data.getLong((long) r << 3) : data.getInt((long) r << 2);
            int g = groupIds[r];
            sums[g] = Arith.add(sums[g], x);
            counts[g]++;
        }
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        BaseFixedWidthVector v = (BaseFixedWidthVector) args[0];
        ArrowBuf data = v.getDataBuffer();
        ArrowBuf validity = v.getValidityBuffer();
        boolean wide = v.getTypeWidth() == 8;
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (BitVectorHelper.get(validity, r) != 0) {
                int g = groupIds[r];
                sums[g] = Arith.subtract(sums[g], wide ? data.getLong((long) r << 3) : data.getInt((long) r << 2));
                counts[g]--;
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int k) {
        if (counts[g] == 0) {
            ResultWriter.writeNull(out, k);
        } else if (!average) {
            ResultWriter.writeLong(out, k, sums[g]);
        } else {
            switch (resultType.kind()) {
                case DOUBLE -> ResultWriter.writeDouble(out, k, (double) sums[g] / counts[g]);
                case DECIMAL -> ResultWriter.writeDecimal(out, k, BigDecimal.valueOf(sums[g])
                        .divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP));
                default -> ResultWriter.writeLong(out, k, sums[g] / counts[g]);
            }
        }
    }

    @Override
    public long retainedBytes() {
        return 16L * sums.length;
    }

    /** Sums, then counts. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'l');
        StateIO.writeLongs(out, sums, 0, groups);
        StateIO.writeLongs(out, counts, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'l', "an integer SUM or AVG");
        ensureGroups(groups);
        StateIO.readLongs(in, sums, 0, groups);
        StateIO.readLongs(in, counts, 0, groups);
    }
}
