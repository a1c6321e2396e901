package dev.runnel.exec.operator.union;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import dev.runnel.exec.operator.WatermarkCombiner;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.RowSchema;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * All rows of every input (which share one schema), in arrival order; finishes when every input
 * has ended. Batches pass straight on; oversized ones are re-chunked. Its watermark is the minimum
 * over the inputs still open. State ({@link #snapshot}): a layout version (byte), how many inputs
 * ended (int) and the watermark of each input ({@link WatermarkCombiner#snapshot}). Single-threaded.
 */
public final class UnionAllOperator implements Operator {
    private final int inputs;
    private final RowSchema schema;
    private final ExprCompiler compiler;
    private ProjectingEmitter emitter;
    private Output output;
    private int ended;
    private WatermarkCombiner watermarks;

    public UnionAllOperator(int inputs, RowSchema schema, ExprCompiler compiler) {
        this.inputs = inputs;
        this.schema = schema;
        this.compiler = compiler;
    }

    @Override
    public void open(OperatorContext context, Output output) {
        this.output = output;
        this.watermarks = new WatermarkCombiner(inputs);
        this.emitter = ProjectingEmitter.copying(compiler, schema, context);
    }

    @Override
    public void onBatch(int input, VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (rows > Vectors.MAX_BATCH_ROWS) {
            emitter.emitRange(batch, 0, rows, output);
        } else if (rows > 0) {
            output.emit(batch);
        }
    }

    @Override
    public void onWatermark(int input, long watermark) {
        forward(watermarks.onWatermark(input, watermark));
    }

    private void forward(long watermark) {
        if (watermark != WatermarkCombiner.NONE) {
            output.watermark(watermark);
        }
    }

    @Override
    public void onEndOfInput(int input) {
        forward(watermarks.onEnd(input));
        if (++ended == inputs) {
            output.finish();
        }
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeInt(ended);
        watermarks.snapshot(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "a UNION ALL");
        ended = StateIO.readCount(in, "ended inputs");
        watermarks.restore(in);
    }

    @Override
    public boolean needsMoreInput() {
        return output.needsMoreInput();
    }

    @Override
    public void close() {
        if (emitter != null) {
            emitter.close();
        }
    }
}
