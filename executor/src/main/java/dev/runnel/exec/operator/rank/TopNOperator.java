package dev.runnel.exec.operator.rank;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.window.TopNWindow;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.TopNNode;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Regular Top-N and deduplication ({@link TopNNode}) over an append-only input.
 *
 * <p><b>Continuous</b> ({@code changelog}): each row is ranked within its partition as it arrives
 * ({@link RankedPartitions}); after each input batch, every rank in {@code rankStart..rankEnd} the
 * batch changed is emitted once, as its net change: {@code -U} the row that held the rank after the
 * previous batch and {@code +U} the row that holds it now, or {@code +I} where the partition had
 * fewer rows; a rank that changed and changed back emits nothing. Each row carries its rank in
 * {@code rownum} and the batch ends in the change kind ({@link Changelog}). This is Flink's Rank
 * with the row number (and, for a deduplication, its Deduplicate: keep last emits {@code -U}/{@code +U}
 * per newer row) with mini-batch folding, the input batch being the mini-batch.
 *
 * <p><b>Keep the first row by event time</b> ({@code appendOnly}, bounded or not): rows are held per
 * partition until the watermark reaches their time, then emitted once, without a change kind; late
 * rows are dropped and counted ({@link FirstRows}).
 *
 * <p><b>Bounded</b>: rows are collected per partition, cut back to the best {@code rankEnd} as they
 * come ({@link TopNWindow}, one for the whole input); at the end of the input the final ranks are
 * emitted, partitions in order of first appearance, then by rank.
 *
 * <p>Watermarks pass through. State ({@link #snapshot}): a layout version (byte), the mode
 * (boolean: continuous), then {@link FirstRows}, {@link RankedPartitions} or {@link TopNWindow}.
 * Single-threaded.
 */
public final class TopNOperator implements Operator {
    private final TopNNode node;
    private final boolean continuous;
    private final boolean withOp;
    private final int[] keyColumns;
    private final List<DataType> keyTypes = new ArrayList<>();
    private final List<DataType> rowTypes = new ArrayList<>();
    private final int keep;
    private RankedPartitions ranked;
    private TopNWindow collected;
    private FirstRows firstRows;
    private OperatorContext context;
    private Output output;
    private VectorSchemaRoot out;
    private final int[] emitRows = new int[Vectors.MAX_BATCH_ROWS];
    private final long[] emitRanks = new long[Vectors.MAX_BATCH_ROWS];
    private final int[] emitOps = new int[Vectors.MAX_BATCH_ROWS];
    private int pending;
    private int[] all = new int[0];

    /**
     * @param continuous whether to emit a changelog as rows arrive (else the final ranks at the end)
     */
    public TopNOperator(TopNNode node, boolean continuous) {
        this.node = node;
        this.continuous = continuous;
        this.withOp = continuous && !node.appendOnly();
        for (Column c : node.input().schema().columns()) {
            rowTypes.add(c.type());
        }
        this.keyColumns = node.partitionKeys().stream().mapToInt(Integer::intValue).toArray();
        for (int k : keyColumns) {
            keyTypes.add(node.input().schema().get(k).type());
        }
        this.keep = node.rankStart() > node.rankEnd() ? 0 : Math.toIntExact(node.rankEnd());
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        this.out = Vectors.newRoot(withOp ? Changelog.withOp(node.schema()) : node.schema(), context.allocator());
        if (node.appendOnly()) {
            firstRows = new FirstRows(keyTypes, rowTypes);
        } else if (continuous) {
            ranked = new RankedPartitions(keyTypes, rowTypes, node.order(), node.laterFirstOnTies(), Math.max(keep, 1));
        } else {
            collected = new TopNWindow(0, 0, keyTypes, rowTypes, node.order(), node.laterFirstOnTies(),
                    Math.max(keep, 1));
        }
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        context.metrics().addRowsIn(rows);
        if (rows == 0 || keep == 0) {
            return;
        }
        FieldVector[] keys = new FieldVector[keyColumns.length];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = batch.getVector(keyColumns[k]);
        }
        if (firstRows != null) {
            int late = firstRows.add(batch, keys, node.order().get(0).column(), node.watermarkColumn());
            if (late > 0) {
                context.metrics().addLateRowsDropped(late);
            }
            context.metrics().stateBytes(firstRows.retainedBytes());
        } else if (continuous) {
            ranked.add(batch, keys, node.rankStart(), this::changed);
            flush(ranked.rows());
            ranked.compactIfSparse();
            context.metrics().stateBytes(ranked.retainedBytes());
        } else {
            if (all.length < rows) {
                all = new int[Math.max(rows, Vectors.MAX_BATCH_ROWS)];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
            }
            collected.add(batch, keys, all, rows);
            context.metrics().stateBytes(collected.retainedBytes());
        }
    }

    private void changed(int oldRow, int newRow, long rank) {
        if (oldRow >= 0) {
            if (!withOp) {
                throw new IllegalStateException("an append-only Top-N replaced a row at rank " + rank);
            }
            add(oldRow, rank, Changelog.UPDATE_BEFORE);
            add(newRow, rank, Changelog.UPDATE_AFTER);
        } else {
            add(newRow, rank, Changelog.INSERT);
        }
    }

    private void add(int row, long rank, int op) {
        if (pending == emitRows.length) {
            flush(ranked.rows());
        }
        emitRows[pending] = row;
        emitRanks[pending] = rank;
        emitOps[pending] = op;
        pending++;
    }

    private void flush(RowBuffer rows) {
        int n = pending;
        if (n == 0) {
            return;
        }
        Vectors.allocate(out, n);
        rows.write(emitRows, 0, n, out, 0);
        BigIntVector rownum = (BigIntVector) out.getVector(node.rowNumberColumn());
        for (int i = 0; i < n; i++) {
            rownum.set(i, emitRanks[i]);
        }
        if (withOp) {
            IntVector ops = (IntVector) out.getVector(node.schema().size());
            for (int i = 0; i < n; i++) {
                ops.set(i, emitOps[i]);
            }
        }
        out.setRowCount(n);
        pending = 0;
        output.emit(out);
        context.metrics().addRowsOut(n);
    }

    @Override
    public void onWatermark(int input, long watermark) {
        if (firstRows != null) {
            release(watermark);
        }
        context.metrics().watermark(watermark);
        output.watermark(watermark);
    }

    /** Emits the first rows whose time {@code watermark} reached (rank 1, inserts). */
    private void release(long watermark) {
        int n;
        do {
            n = firstRows.release(watermark, emitRows);
            for (int i = 0; i < n; i++) {
                emitRanks[i] = 1;
                emitOps[i] = Changelog.INSERT;
            }
            pending = n;
            flush(firstRows.rows());
        } while (n == emitRows.length);
        firstRows.compactIfSparse();
    }

    @Override
    public void onEndOfInput(int input) {
        if (firstRows != null) {
            release(Long.MAX_VALUE);
        } else if (!continuous && keep > 0) {
            int first = (int) node.rankStart() - 1;
            for (int g = 0; g < collected.partitionCount(); g++) {
                int n = collected.rank(g);
                int[] rows = collected.ranked(g);
                for (int i = first; i < n; i++) {
                    if (pending == emitRows.length) {
                        flush(collected.rows());
                    }
                    emitRows[pending] = rows[i];
                    emitRanks[pending] = i + 1;
                    pending++;
                }
            }
            flush(collected.rows());
        }
        output.finish();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeBoolean(continuous);
        if (firstRows != null) {
            firstRows.snapshot(out);
        } else if (continuous) {
            ranked.snapshot(out);
        } else {
            collected.snapshot(out);
        }
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a Top-N");
        if (in.readBoolean() != continuous) {
            throw new IOException("damaged Top-N state: saved by a " + (continuous ? "bounded" : "continuous")
                    + " run");
        }
        if (firstRows != null) {
            firstRows.restore(in);
            context.metrics().stateBytes(firstRows.retainedBytes());
        } else if (continuous) {
            ranked.restore(in);
            context.metrics().stateBytes(ranked.retainedBytes());
        } else {
            collected.restore(in);
            context.metrics().stateBytes(collected.retainedBytes());
        }
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        ranked = null;
        collected = null;
        firstRows = null;
        if (out != null) {
            out.close();
        }
    }
}
