package dev.runnel.exec.plan;

import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.Output;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The {@link Output} feeding one input of an operator: batches become {@code onBatch}, watermarks
 * {@code onWatermark}, finish {@code onEndOfInput}. Single-threaded.
 */
final class OperatorInput implements Output {
    private final Operator operator;
    private final int input;

    OperatorInput(Operator operator, int input) {
        this.operator = operator;
        this.input = input;
    }

    @Override
    public void emit(VectorSchemaRoot batch) {
        operator.onBatch(input, batch);
    }

    @Override
    public void watermark(long watermark) {
        operator.onWatermark(input, watermark);
    }

    @Override
    public void finish() {
        operator.onEndOfInput(input);
    }

    @Override
    public boolean needsMoreInput() {
        return operator.needsMoreInput();
    }
}
