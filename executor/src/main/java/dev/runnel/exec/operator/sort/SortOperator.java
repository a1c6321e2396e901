package dev.runnel.exec.operator.sort;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.rows.RowBuffer;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.sql.type.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * ORDER BY keys (ASC/DESC, NULLS FIRST/LAST, any type) then OFFSET/FETCH over a bounded input:
 * copies rows into a {@link RowBuffer}, sorts row indices stably when the input ends and emits them
 * in order. With a FETCH it keeps only the best {@code offset + fetch} rows, compacting the buffer
 * whenever it grows well past that (a top-N). Without keys use {@link LimitOperator}. State
 * ({@link #snapshot}): a layout version (byte), the watermark held (long) and the rows kept
 * ({@link RowBuffer#snapshot}). Single-threaded.
 */
public final class SortOperator implements Operator {
    private final List<SortKey> keys;
    private final RowSchema schema;
    private final long offset;
    private final long fetch;
    private final long keep;
    private RowBuffer rows;
    private OperatorContext context;
    private Output output;
    private long watermark = Long.MIN_VALUE;
    private int[] identity = new int[0];

    /** @param fetch rows after the offset, -1 for all */
    public SortOperator(List<SortKey> keys, long offset, long fetch, RowSchema schema) {
        this.keys = List.copyOf(keys);
        this.schema = schema;
        this.offset = Math.max(offset, 0);
        this.fetch = fetch;
        this.keep = fetch < 0 ? -1 : Math.min(Integer.MAX_VALUE - 8, this.offset + fetch);
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.context = context;
        this.output = output;
        List<DataType> types = new ArrayList<>();
        for (Column c : schema.columns()) {
            types.add(c.type());
        }
        this.rows = new RowBuffer(types);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (n == 0 || keep == 0) {
            return;
        }
        if (identity.length < n) {
            identity = new int[Math.max(n, Vectors.MAX_BATCH_ROWS)];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
            }
        }
        rows.appendRows(batch, identity, n);
        if (keep >= 0 && rows.size() >= Math.max(2 * keep, keep + Vectors.MAX_BATCH_ROWS)) {
            compact();
        }
    }

    private int[] sortedOrder() {
        int[] order = new int[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        IntSorter.sort(order, 0, order.length, new RowComparator(rows, keys));
        return order;
    }

    /** Keeps only the first {@code keep} rows in sort order, which is all a top-N can still emit. */
    private void compact() {
        int[] order = sortedOrder();
        RowBuffer kept = new RowBuffer(rows.types());
        for (int i = 0; i < keep; i++) {
            kept.appendFrom(rows, order[i]);
        }
        rows = kept;
    }

    /**
     * Holds the watermark: every row this operator emits comes at the end, so passing time on
     * earlier would make those rows late downstream. The last one is forwarded after them.
     */
    @Override
    public void onWatermark(int input, long watermark) {
        this.watermark = Math.max(this.watermark, watermark);
    }

    @Override
    public void onEndOfInput(int input) {
        int[] order = sortedOrder();
        long end = fetch < 0 ? order.length : Math.min(order.length, offset + fetch);
        int from = (int) Math.min(offset, order.length);
        try (VectorSchemaRoot out = Vectors.newRoot(schema, context.allocator())) {
            for (int start = from; start < end; start += Vectors.MAX_BATCH_ROWS) {
                int count = (int) Math.min(Vectors.MAX_BATCH_ROWS, end - start);
                Vectors.allocate(out, count);
                rows.write(order, start, count, out, 0);
                out.setRowCount(count);
                output.emit(out);
            }
        }
        rows.clear();
        if (watermark != Long.MIN_VALUE) {
            output.watermark(watermark);
        }
        output.finish();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeLong(watermark);
        rows.snapshot(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "an ORDER BY");
        watermark = in.readLong();
        rows.restore(in);
    }

    @Override
    public boolean needsMoreInput() {
        return keep != 0 && output.needsMoreInput();
    }

    @Override
    public void close() {
        rows = null;
    }
}
