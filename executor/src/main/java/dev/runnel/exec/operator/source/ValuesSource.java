package dev.runnel.exec.operator.source;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.planner.physical.ValuesNode;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The constant rows of a {@link ValuesNode} as batches of at most {@link Vectors#MAX_BATCH_ROWS}
 * rows; each batch is closed right after its emit. Bounded: finishes its output when done, unless
 * cancelled. Run on one thread; {@link #cancel} from any.
 */
public final class ValuesSource implements BatchSource {
    private final ValuesNode node;
    private OperatorContext context;
    private volatile boolean cancelled;

    public ValuesSource(ValuesNode node) {
        this.node = node;
    }

    @Override
    public void open(OperatorContext context) {
        this.context = context;
    }

    @Override
    public void run(Output output) {
        List<List<Object>> rows = node.rows();
        for (int from = 0; from < rows.size() && !cancelled; from += Vectors.MAX_BATCH_ROWS) {
            int to = Math.min(rows.size(), from + Vectors.MAX_BATCH_ROWS);
            try (VectorSchemaRoot batch = Vectors.fromRows(node.schema(), rows.subList(from, to), context.allocator())) {
                output.emit(batch);
            }
        }
        if (!cancelled) {
            output.watermark(Long.MAX_VALUE); // bounded: every window over these rows may close
            output.finish();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void close() {
        // batches are closed as they are emitted
    }
}
