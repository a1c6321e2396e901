package dev.runnel.exec.operator.aggregate;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns the records of a TABLE's topic, each an upsert or a delete of its key's row, into the
 * table's changelog (Flink's ChangelogNormalize): keeps the current row of every key and emits, in
 * input order, {@code +I} for the first row of a key, {@code -U} (the row it had) and {@code +U}
 * (the new one) for a newer row that differs, {@code -D} (the row it had) for a delete, and nothing
 * for a row equal to the current one or a delete of a key without a row. So operators downstream
 * can retract exactly what they were given.
 *
 * <p>Input: the data columns (the output's, then any key columns the output lacks) and a change
 * kind; an adding kind (+I, +U) upserts, a retracting one (-U, -D) deletes the key, whatever its
 * other columns hold. Output: the first {@code outputColumns} columns plus the change kind; for one
 * input batch one output batch (retractions and additions together, so a view applying it never
 * shows a key missing). Watermarks pass through: nothing is held back.
 *
 * <p>State: the keys in a {@link GroupByHash} (id by first appearance), per id the index of its
 * current row in a {@link RowBuffer} of output rows (-1: none), which only appends; it is compacted
 * when superseded rows outnumber current ones. Layout ({@link #snapshot}): a layout version
 * (byte), the keys ({@link GroupByHash#snapshot}), the current row indices (ints), the rows
 * ({@link RowBuffer#snapshot}). State bytes are reported to the metrics after each batch.
 * Single-threaded.
 */
public final class ChangelogNormalizeOperator implements Operator {
    private static final int STATE_VERSION = 1;
    private final RowSchema output;
    private final int[] keyColumns;
    private final int dataColumns;
    private final List<DataType> keyTypes;
    private final List<DataType> rowTypes;
    private OperatorContext context;
    private Output out;
    private GroupByHash keys;
    private RowBuffer rows;
    private int[] current = new int[16];
    private int live;
    private int[] all = new int[0];
    private int[] ids = new int[0];
    private int[] adds = new int[0];
    private int[] emitRows = new int[0];
    private int[] emitKinds = new int[0];

    /**
     * @param input the data columns of the input (without the change kind)
     * @param keyColumns the primary key's columns in the input
     * @param outputColumns how many leading input columns the output keeps
     */
    public ChangelogNormalizeOperator(RowSchema input, int[] keyColumns, int outputColumns) {
        this.keyColumns = keyColumns.clone();
        this.dataColumns = input.size();
        this.output = new RowSchema(input.columns().subList(0, outputColumns));
        this.keyTypes = Arrays.stream(keyColumns).mapToObj(k -> input.get(k).type()).toList();
        this.rowTypes = output.columns().stream().map(Column::type).toList();
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.out = output;
        this.keys = new GroupByHash(keyTypes, false);
        this.rows = new RowBuffer(rowTypes);
        Arrays.fill(current, -1);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0) {
            return;
        }
        context.metrics().addRowsIn(n);
        grow(n);
        FieldVector[] keyVectors = new FieldVector[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            keyVectors[k] = batch.getVector(keyColumns[k]);
        }
        keys.assign(keyVectors, null, all, n, ids);
        if (current.length < keys.groupCount()) {
            int old = current.length;
            current = Arrays.copyOf(current, Accumulator.capacity(old, keys.groupCount()));
            Arrays.fill(current, old, current.length, -1);
        }
        // the upserted rows go into the buffer first, so every output row is a buffer row
        ArrowBuf ops = Changelog.ops(batch, dataColumns).getDataBuffer();
        int added = 0;
        for (int i = 0; i < n; i++) {
            if ((ops.getInt((long) i << 2) & 1) == 0) {
                adds[added++] = i;
            }
        }
        int base = rows.size();
        rows.appendRows(batch, adds, added);
        int emitted = 0;
        int a = 0;
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            int before = current[id];
            if (a < added && adds[a] == i) {
                int row = base + a++;
                if (before < 0) {
                    emitRows[emitted] = row;
                    emitKinds[emitted++] = Changelog.INSERT;
                    live++;
                    current[id] = row;
                } else if (!sameRow(before, batch, i)) {
                    emitRows[emitted] = before;
                    emitKinds[emitted++] = Changelog.UPDATE_BEFORE;
                    emitRows[emitted] = row;
                    emitKinds[emitted++] = Changelog.UPDATE_AFTER;
                    current[id] = row;
                }
            } else if (before >= 0) {
                emitRows[emitted] = before;
                emitKinds[emitted++] = Changelog.DELETE;
                current[id] = -1;
                live--;
            }
        }
        if (emitted > 0) {
            emit(emitted);
        }
        if (rows.size() - live > Math.max(live, 4096)) {
            compact();
        }
        context.metrics().stateBytes(retainedBytes());
    }

    private boolean sameRow(int stored, VectorSchemaRoot batch, int row) {
        for (int c = 0; c < rowTypes.size(); c++) {
            if (!rows.column(c).equalsRow(stored, batch.getVector(c), row)) {
                return false;
            }
        }
        return true;
    }

    private void emit(int n) {
        try (VectorSchemaRoot batch = Vectors.newRoot(Changelog.withOp(output), context.allocator())) {
            Vectors.allocate(batch, n);
            rows.write(emitRows, 0, n, batch, 0);
            IntVector kinds = Changelog.ops(batch, rowTypes.size());
            for (int i = 0; i < n; i++) {
                Changelog.setOp(kinds, i, emitKinds[i]);
            }
            batch.setRowCount(n);
            context.metrics().addRowsOut(n);
            out.emit(batch);
        }
    }

    /** Keeps only the current rows, renumbered in key order. */
    private void compact() {
        RowBuffer fresh = new RowBuffer(rowTypes);
        for (int id = 0; id < keys.groupCount(); id++) {
            if (current[id] >= 0) {
                fresh.appendFrom(rows, current[id]);
                current[id] = fresh.size() - 1;
            }
        }
        rows = fresh;
    }

    private void grow(int n) {
        if (all.length < n) {
            all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            ids = new int[n];
            adds = new int[n];
            emitRows = new int[2 * n];
            emitKinds = new int[2 * n];
        }
    }

    private long retainedBytes() {
        return keys.retainedBytes() + rows.retainedBytes() + 4L * current.length;
    }

    /** Rows of the keys that have one (for tests and metrics). */
    public int liveRows() {
        return live;
    }

    /** Nothing is held back: the watermark passes on. */
    @Override
    public void onWatermark(int input, long watermark) {
        out.watermark(watermark);
    }

    @Override
    public void onEndOfInput(int input) {
        out.finish();
    }

    @Override
    public boolean needsMoreInput() {
        return out.needsMoreInput();
    }

    @Override
    public void snapshot(DataOutputStream o) throws IOException {
        StateIO.writeVersion(o, STATE_VERSION);
        keys.snapshot(o);
        StateIO.writeInts(o, current, 0, keys.groupCount());
        rows.snapshot(o);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, STATE_VERSION, "a changelog normalize");
        keys.restore(in);
        int n = keys.groupCount();
        current = new int[Accumulator.capacity(16, n)];
        Arrays.fill(current, -1);
        StateIO.readInts(in, current, 0, n);
        rows.restore(in);
        live = 0;
        for (int id = 0; id < n; id++) {
            if (current[id] >= rows.size()) {
                throw new IOException("damaged changelog normalize state: key " + id + " has row " + current[id]
                        + " of " + rows.size());
            }
            if (current[id] >= 0) {
                live++;
            }
        }
        context.metrics().stateBytes(retainedBytes());
    }

    @Override
    public void close() {
        keys = null;
        rows = null;
    }
}
