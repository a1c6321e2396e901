package dev.runnel.exec.operator.project;

import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.ProjectingEmitter;
import java.io.DataInputStream;
import java.io.DataOutputStream;

/**
 * What the one-input operators that hold nothing between batches (filter, project) share: time
 * passes through unchanged (rows keep their event time), the end of input ends the output, there is
 * no state to checkpoint, and the emitter they write through is released on close. Single-threaded.
 */
abstract class StatelessOperator implements Operator {
    protected Output output;
    protected ProjectingEmitter emitter;

    @Override
    public void onWatermark(int input, long watermark) {
        output.watermark(watermark);
    }

    @Override
    public void onEndOfInput(int input) {
        output.finish();
    }

    /** Stateless: each batch is handled on its own, so there is nothing to write. */
    @Override
    public void snapshot(DataOutputStream out) {
        // no state
    }

    @Override
    public void restore(DataInputStream in) {
        // no state
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
