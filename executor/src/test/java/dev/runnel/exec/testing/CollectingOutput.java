package dev.runnel.exec.testing;

import dev.runnel.exec.operator.Output;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Test output: copies every emitted batch into Java rows and remembers batch sizes, watermarks and finish. */
public final class CollectingOutput implements Output {
    public final List<List<Object>> rows = new ArrayList<>();
    public final List<Integer> batchSizes = new ArrayList<>();
    public final List<Long> watermarks = new ArrayList<>();
    public boolean finished;

    @Override
    public void emit(VectorSchemaRoot batch) {
        if (finished) {
            throw new IllegalStateException("emit after finish");
        }
        batchSizes.add(batch.getRowCount());
        rows.addAll(Rows.fromRoot(batch));
    }

    @Override
    public void watermark(long watermark) {
        watermarks.add(watermark);
    }

    @Override
    public void finish() {
        if (finished) {
            throw new IllegalStateException("finish called twice");
        }
        finished = true;
    }
}
