package dev.runnel.exec.operator.source;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.planner.physical.ValuesNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The constant rows of a {@link ValuesNode} as batches of at most {@link Vectors#MAX_BATCH_ROWS}
 * rows; each batch is closed right after its emit. Bounded: finishes its output when done, unless
 * cancelled. State ({@link #snapshot}): a layout version (byte), the index of the next row to emit
 * (int) and whether the final watermark went out (boolean). Run on one thread; {@link #cancel} from
 * any.
 */
public final class ValuesSource implements BatchSource {
    private final ValuesNode node;
    private OperatorContext context;
    private volatile boolean cancelled;
    private int next;
    private boolean endSent;

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
        while (next < rows.size() && !cancelled) {
            int from = next;
            int to = Math.min(rows.size(), from + Vectors.MAX_BATCH_ROWS);
            try (VectorSchemaRoot batch = Vectors.fromRows(node.schema(), rows.subList(from, to), context.allocator())) {
                next = to; // a checkpoint taken while the batch is out continues after it
                output.emit(batch);
            }
        }
        if (!cancelled) {
            if (!endSent) {
                endSent = true;
                output.watermark(Long.MAX_VALUE); // bounded: every window over these rows may close
            }
            output.finish();
        }
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, 1);
        out.writeInt(next);
        out.writeBoolean(endSent);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        StateIO.checkVersion(in, 1, "VALUES");
        int n = in.readInt();
        if (n < 0 || n > node.rows().size()) {
            throw new IOException("the checkpoint continues VALUES at row " + n + " of " + node.rows().size());
        }
        next = n;
        endSent = in.readBoolean();
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
