package dev.runnel.exec.operator.sort;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.RowSchema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * OFFSET/FETCH without ORDER BY (a SortNode with no keys): skips {@code offset} rows, passes the
 * next {@code fetch} (all when -1), then reports through {@link #needsMoreInput} that it needs no
 * more, so the driver can stop its sources early. State ({@link #snapshot}): a layout version
 * (byte), the rows still to skip and the rows still to pass (longs). Single-threaded.
 */
public final class LimitOperator implements Operator {
    private final RowSchema schema;
    private final ExprCompiler compiler;
    private long toSkip;
    private long remaining;
    private ProjectingEmitter emitter;
    private Output output;

    /** @param fetch rows to pass after the offset, -1 for all */
    public LimitOperator(long offset, long fetch, RowSchema schema, ExprCompiler compiler) {
        this.toSkip = Math.max(offset, 0);
        this.remaining = fetch < 0 ? Long.MAX_VALUE : fetch;
        this.schema = schema;
        this.compiler = compiler;
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.output = output;
        this.emitter = ProjectingEmitter.copying(compiler, schema, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        int from = (int) Math.min(rows, toSkip);
        toSkip -= from;
        int to = from + (int) Math.min(rows - from, remaining);
        if (to <= from) {
            return;
        }
        remaining -= to - from;
        if (from == 0 && to == rows && rows <= Vectors.MAX_BATCH_ROWS) {
            output.emit(batch);
        } else {
            emitter.emitRange(batch, from, to, output);
        }
    }

    @Override
    public void onWatermark(int input, long watermark) {
        output.watermark(watermark); // stateless: rows keep their event time
    }

    @Override
    public void onEndOfInput(int input) {
        output.finish();
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeLong(toSkip);
        out.writeLong(remaining);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a LIMIT");
        toSkip = in.readLong();
        remaining = in.readLong();
    }

    @Override
    public boolean needsMoreInput() {
        return remaining > 0 && output.needsMoreInput();
    }

    @Override
    public void close() {
        if (emitter != null) {
            emitter.close();
        }
    }
}
