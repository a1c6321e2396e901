package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * {@code $WELFORD_M2}: per group the count, mean and M2 (sum of squared distances from the mean) of
 * the values that are not NULL, updated one value at a time by Welford's method in DOUBLE, the way
 * Flink's accumulator does, so STDDEV and VAR round as Flink's do. A retraction runs the update
 * backwards (with one value left, M2 is 0 exactly: Flink keeps the rounding error there, which can
 * turn into a NULL or a tiny variance). Single-threaded.
 */
final class WelfordAccumulator implements Accumulator {
    private final DataType argType;
    private long[] counts = new long[16];
    private double[] means = new double[16];
    private double[] m2s = new double[16];

    WelfordAccumulator(DataType argType) {
        this.argType = argType;
    }

    @Override
    public void ensureGroups(int groups) {
        if (groups > counts.length) {
            int c = Accumulator.capacity(counts.length, groups);
            counts = Arrays.copyOf(counts, c);
            means = Arrays.copyOf(means, c);
            m2s = Arrays.copyOf(m2s, c);
        }
    }

    private double value(FieldVector v, int r) {
        if (v instanceof DecimalVector d) {
            return d.getObjectNotNull(r).doubleValue();
        }
        ArrowBuf data = v.getDataBuffer();
        if (v instanceof Float8Vector) {
            return data.getDouble((long) r << 3);
        }
        return switch (argType.kind()) {
            case INT -> data.getInt((long) r << 2);
            default -> data.getLong((long) r << 3);
        };
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
            double x = value(v, r);
            long n = ++counts[g];
            double delta = x - means[g];
            means[g] += delta / n;
            m2s[g] += delta * (x - means[g]);
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
            int g = groupIds[r];
            double x = value(v, r);
            long n = --counts[g];
            if (n <= 0) {
                counts[g] = 0;
                means[g] = 0;
                m2s[g] = 0;
                continue;
            }
            double delta = x - means[g];
            means[g] -= delta / n;
            m2s[g] -= delta * (x - means[g]);
            if (n == 1) {
                m2s[g] = 0; // one value left: no spread, whatever rounding the retractions left behind
            }
        }
    }

    @Override
    public void writeGroup(int g, FieldVector out, int row) {
        if (counts[g] <= 0 || m2s[g] < 0) {
            // a rounding error of retractions can leave M2 just below zero: NULL then, as Flink's
            ResultWriter.writeNull(out, row);
        } else {
            ((Float8Vector) out).set(row, m2s[g]);
        }
    }

    @Override
    public long retainedBytes() {
        return 24L * counts.length;
    }

    /** Per group: counts (longs), then means and M2s (doubles). */
    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'W');
        StateIO.writeLongs(out, counts, 0, groups);
        StateIO.writeDoubles(out, means, 0, groups);
        StateIO.writeDoubles(out, m2s, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'W', "a STDDEV or VAR");
        ensureGroups(groups);
        StateIO.readLongs(in, counts, 0, groups);
        StateIO.readDoubles(in, means, 0, groups);
        StateIO.readDoubles(in, m2s, 0, groups);
    }
}
