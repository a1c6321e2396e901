package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * MIN, MAX or ANY_VALUE of fixed-width integral values (BIGINT, INT, TIMESTAMP, DATE, intervals,
 * BOOLEAN as 0/1) held as longs per group, written back to a vector of the same type.
 * Single-threaded.
 */
final class LongMinMaxAccumulator implements Accumulator {
    private final MinMaxMode mode;
    private long[] values = new long[16];
    private boolean[] seen = new boolean[16];

    LongMinMaxAccumulator(MinMaxMode mode) {
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
        FieldVector v = args[0];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        int width = v instanceof BitVector ? 0 : ((BaseFixedWidthVector) v).getTypeWidth();
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            if (BitVectorHelper.get(validity, r) == 0) {
                continue;
            }
            long x = width == 8 ? data.getLong((long) r << 3)
                    : width == 4 ? data.getInt((long) r << 2) : BitVectorHelper.get(data, r);
            int g = groupIds[r];
            if (!seen[g]) {
                seen[g] = true;
                values[g] = x;
            } else if (mode.replaces(Long.compare(x, values[g]))) {
                values[g] = x;
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int k) {
        if (seen[g]) {
            ResultWriter.writeRaw(out, k, values[g]);
        } else {
            ResultWriter.writeNull(out, k);
        }
    }

    @Override
    public long retainedBytes() {
        return 9L * values.length;
    }

    /** Values, then a bit per group for whether it has one. */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'L');
        StateIO.writeLongs(out, values, 0, groups);
        StateIO.writeBits(out, seen, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'L', "an integral MIN, MAX or ANY_VALUE");
        ensureGroups(groups);
        StateIO.readLongs(in, values, 0, groups);
        StateIO.readBits(in, seen, 0, groups);
    }
}
