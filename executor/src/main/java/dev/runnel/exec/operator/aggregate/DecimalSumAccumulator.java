package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import dev.runnel.sql.type.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/** SUM or AVG of DECIMAL: an exact sum and a count per group; AVG rounds HALF_UP to the result scale. Single-threaded. */
final class DecimalSumAccumulator implements Accumulator {
    private final boolean average;
    private final DataType resultType;
    private BigDecimal[] sums = new BigDecimal[16];
    private long[] counts = new long[16];

    DecimalSumAccumulator(boolean average, DataType resultType) {
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
        DecimalVector v = (DecimalVector) args[0];
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (!v.isNull(r)) {
                int g = groupIds[r];
                BigDecimal x = v.getObjectNotNull(r);
                sums[g] = sums[g] == null ? x : sums[g].add(x);
                counts[g]++;
            }
        }
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        DecimalVector v = (DecimalVector) args[0];
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (!v.isNull(r)) {
                int g = groupIds[r];
                sums[g] = --counts[g] == 0 ? null : sums[g].subtract(v.getObjectNotNull(r));
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int k) {
        if (counts[g] == 0) {
            ResultWriter.writeNull(out, k);
        } else if (!average) {
            ResultWriter.writeDecimal(out, k, sums[g]);
        } else if (resultType.kind() == dev.runnel.sql.type.TypeKind.DOUBLE) {
            ResultWriter.writeDouble(out, k, sums[g].doubleValue() / counts[g]);
        } else {
            int scale = resultType.kind() == dev.runnel.sql.type.TypeKind.DECIMAL ? resultType.scale() : 0;
            ResultWriter.writeDecimal(out, k, sums[g].divide(BigDecimal.valueOf(counts[g]), scale, RoundingMode.HALF_UP));
        }
    }

    @Override
    public long retainedBytes() {
        return 48L * sums.length;
    }

    /** Counts, a bit per group for whether it has a sum, then each sum. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'm');
        StateIO.writeLongs(out, counts, 0, groups);
        boolean[] present = new boolean[groups];
        for (int g = 0; g < groups; g++) {
            present[g] = sums[g] != null;
        }
        StateIO.writeBits(out, present, 0, groups);
        for (int g = 0; g < groups; g++) {
            if (present[g]) {
                StateIO.writeDecimal(out, sums[g]);
            }
        }
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'm', "a DECIMAL SUM or AVG");
        ensureGroups(groups);
        StateIO.readLongs(in, counts, 0, groups);
        boolean[] present = new boolean[groups];
        StateIO.readBits(in, present, 0, groups);
        for (int g = 0; g < groups; g++) {
            sums[g] = present[g] ? StateIO.readDecimal(in) : null;
        }
    }
}
