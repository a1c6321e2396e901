package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.state.StateIO;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/** COUNT(*) and COUNT(x, ...): rows, or rows whose arguments are all non-NULL, per group; 0 for empty groups. Single-threaded. */
final class CountAccumulator implements Accumulator {
    private long[] counts = new long[16];

    @Override
    public void ensureGroups(int groups) {
        if (groups > counts.length) {
            counts = Arrays.copyOf(counts, Accumulator.capacity(counts.length, groups));
        }
    }

    @Override
    public void add(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        count(groupIds, rows, count, args, 1);
    }

    @Override
    public boolean retractable() {
        return true;
    }

    @Override
    public void retract(int[] groupIds, int[] rows, int count, FieldVector[] args) {
        count(groupIds, rows, count, args, -1);
    }

    private void count(int[] groupIds, int[] rows, int count, FieldVector[] args, int sign) {
        if (args.length == 0) {
            for (int k = 0; k < count; k++) {
                counts[groupIds[rows[k]]] += sign;
            }
            return;
        }
        if (args.length == 1) {
            ArrowBuf validity = args[0].getValidityBuffer();
            for (int k = 0; k < count; k++) {
                int r = rows[k];
                counts[groupIds[r]] += sign * BitVectorHelper.get(validity, r);
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            int r = rows[k];
            boolean all = true;
            for (FieldVector a : args) {
                all &= !a.isNull(r);
            }
            if (all) {
                counts[groupIds[r]] += sign;
            }
        }
    }

    @Override
    public void writeGroup(int group, FieldVector out, int row) {
        ResultWriter.writeLong(out, row, counts[group]);
    }

    @Override
    public long retainedBytes() {
        return 8L * counts.length;
    }

    @Override
    public void snapshot(DataOutputStream out, int groups) throws IOException {
        StateIO.writeTag(out, 'c');
        StateIO.writeLongs(out, counts, 0, groups);
    }

    @Override
    public void restore(DataInputStream in, int groups) throws IOException {
        StateIO.checkTag(in, 'c', "COUNT");
        ensureGroups(groups);
        StateIO.readLongs(in, counts, 0, groups);
    }
}
