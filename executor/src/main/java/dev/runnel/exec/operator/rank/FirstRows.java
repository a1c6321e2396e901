package dev.runnel.exec.operator.rank;

import dev.runnel.exec.operator.aggregate.GroupByHash;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The state of a deduplication that keeps each partition's first row by event time (append-only,
 * Flink's rule): per partition (a {@link GroupByHash} id) the row held so far, its time, and whether
 * the partition's row was emitted already. A row whose time is behind its {@code _watermark} is late
 * and dropped; so is any row of a partition already emitted; otherwise a row with an earlier time
 * than the held one (or the partition's first) is held instead. When the watermark reaches a held
 * row's time it is emitted ({@link #release}) and its partition is done. Rows with a NULL time never
 * rank first (NULLs last, as ASC orders them) unless nothing else comes: they are held with the
 * largest time. Held rows live in a {@link RowBuffer}, copied to a fresh one when replaced and
 * emitted rows outnumber them.
 *
 * <p>State ({@link #snapshot}): the row buffer, the partitions ({@code GroupByHash.snapshot}), then
 * per partition the held row (int, -1 none), its time (long) and the emitted flag (boolean), and
 * the count of pending partitions with their ids (ints). Single-threaded.
 */
final class FirstRows {
    private static final int SLACK_ROWS = 4096;

    private final GroupByHash partitions;
    private RowBuffer rows;
    private int[] held = new int[16];
    private long[] times = new long[16];
    private boolean[] emitted = new boolean[16];
    private int[] pending = new int[16];
    private int pendingCount;
    private int[] groupIds = new int[0];
    private int[] all = new int[0];
    private int[] taken = new int[0];

    FirstRows(List<DataType> keyTypes, List<DataType> rowTypes) {
        this.partitions = new GroupByHash(keyTypes, false);
        this.rows = new RowBuffer(rowTypes);
        Arrays.fill(held, -1);
    }

    RowBuffer rows() {
        return rows;
    }

    /**
     * Takes the rows of {@code batch}: times in column {@code timeColumn}, watermarks in
     * {@code watermarkColumn}; returns how many were late and dropped.
     */
    int add(VectorSchemaRoot batch, FieldVector[] keys, int timeColumn, int watermarkColumn) {
        int n = batch.getRowCount();
        if (all.length < n) {
            all = new int[Math.max(n, 1024)];
            groupIds = new int[all.length];
            taken = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
        }
        partitions.assign(keys, null, all, n, groupIds);
        ensurePartitions(partitions.groupCount());
        FieldVector time = batch.getVector(timeColumn);
        FieldVector watermark = batch.getVector(watermarkColumn);
        ArrowBuf timeData = time.getDataBuffer();
        ArrowBuf watermarkData = watermark.getDataBuffer();
        int late = 0;
        int count = 0;
        int first = rows.size();
        for (int r = 0; r < n; r++) {
            int g = groupIds[r];
            long t = time.isNull(r) ? Long.MAX_VALUE : timeData.getLong((long) r << 3);
            if (!watermark.isNull(r) && t < watermarkData.getLong((long) r << 3)) {
                late++;
                continue;
            }
            if (emitted[g]) {
                continue; // the partition's first row is out: this one is not earlier (else it were late)
            }
            if (held[g] >= 0 && t >= times[g]) {
                continue; // ties: the first to arrive stays
            }
            if (held[g] < 0) {
                pending[pendingCount++] = g;
            }
            held[g] = first + count;
            times[g] = t;
            taken[count++] = r;
        }
        rows.appendRows(batch, taken, count);
        return late;
    }

    private void ensurePartitions(int n) {
        if (n > held.length) {
            int c = Math.max(n, held.length * 2);
            int old = held.length;
            held = Arrays.copyOf(held, c);
            Arrays.fill(held, old, c, -1);
            times = Arrays.copyOf(times, c);
            emitted = Arrays.copyOf(emitted, c);
            pending = Arrays.copyOf(pending, c);
        }
    }

    /**
     * Emits (through {@code into}, buffer row indices in partition order of holding) every held row
     * whose time the watermark {@code w} reached, and marks their partitions done; returns how many.
     */
    int release(long w, int[] into) {
        int out = 0;
        int kept = 0;
        for (int i = 0; i < pendingCount; i++) {
            int g = pending[i];
            if (times[g] <= w) {
                if (out == into.length) {
                    pending[kept++] = g; // the caller flushes and calls again
                    continue;
                }
                into[out++] = held[g];
                emitted[g] = true;
                held[g] = -1;
            } else {
                pending[kept++] = g;
            }
        }
        pendingCount = kept;
        return out;
    }

    /** After the caller wrote what {@link #release} returned: copies the held rows to a fresh buffer when few are left. */
    void compactIfSparse() {
        if (rows.size() <= 2 * pendingCount + SLACK_ROWS) {
            return;
        }
        RowBuffer kept = new RowBuffer(rows.types());
        for (int i = 0; i < pendingCount; i++) {
            int g = pending[i];
            int at = kept.size();
            kept.appendFrom(rows, held[g]);
            held[g] = at;
        }
        rows = kept;
    }

    long retainedBytes() {
        return rows.retainedBytes() + partitions.retainedBytes() + 21L * held.length;
    }

    void snapshot(DataOutputStream out) throws IOException {
        rows.snapshot(out);
        partitions.snapshot(out);
        int groups = partitions.groupCount();
        for (int g = 0; g < groups; g++) {
            out.writeInt(held[g]);
            out.writeLong(times[g]);
            out.writeBoolean(emitted[g]);
        }
        out.writeInt(pendingCount);
        StateIO.writeInts(out, pending, 0, pendingCount);
    }

    /** Reads what {@link #snapshot} wrote into this empty state of the same query. */
    void restore(DataInputStream in) throws IOException {
        rows.restore(in);
        partitions.restore(in);
        int groups = partitions.groupCount();
        ensurePartitions(groups);
        for (int g = 0; g < groups; g++) {
            held[g] = in.readInt();
            times[g] = in.readLong();
            emitted[g] = in.readBoolean();
            if (held[g] < -1 || held[g] >= rows.size()) {
                throw new IOException("damaged deduplication state: held row " + held[g] + " of " + rows.size());
            }
        }
        pendingCount = StateIO.readCount(in, "pending partitions");
        if (pendingCount > groups) {
            throw new IOException("damaged deduplication state: " + pendingCount + " pending of " + groups);
        }
        StateIO.readInts(in, pending, 0, pendingCount);
    }
}
