package dev.runnel.exec.testing;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.planner.physical.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drives one operator through a script of stream elements (batches, watermarks, ends of input, per
 * input) and records what it emits in order, rows and watermarks interleaved, so tests can pin that
 * a watermark comes after the rows it closes. Input batches are closed right after each call; the
 * operator's allocator must be empty after close.
 */
public final class StreamTester {
    private StreamTester() {}

    /** One element fed to the operator. */
    public sealed interface Element permits Batch, Watermark, End {}

    public record Batch(int input, List<List<Object>> rows) implements Element {}

    public record Watermark(int input, long watermark) implements Element {}

    public record End(int input) implements Element {}

    public static Batch batch(List<List<Object>> rows) {
        return new Batch(0, rows);
    }

    public static Batch batch(int input, List<List<Object>> rows) {
        return new Batch(input, rows);
    }

    public static Watermark watermark(long w) {
        return new Watermark(0, w);
    }

    public static Watermark watermark(int input, long w) {
        return new Watermark(input, w);
    }

    public static End end() {
        return new End(0);
    }

    public static End end(int input) {
        return new End(input);
    }

    /** What the operator emitted: rows and watermarks in order, the finish, and its metrics. */
    public static final class Recorded implements Output {
        /** Emitted rows as lists, watermarks as {@code "wm " + value}, in order. */
        public final List<Object> events = new ArrayList<>();
        public final List<List<Object>> rows = new ArrayList<>();
        public final List<Long> watermarks = new ArrayList<>();
        public boolean finished;
        public OperatorMetrics metrics;

        @Override
        public void emit(VectorSchemaRoot batch) {
            if (finished) {
                throw new IllegalStateException("emit after finish");
            }
            List<List<Object>> r = Rows.fromRoot(batch);
            rows.addAll(r);
            events.addAll(r);
        }

        @Override
        public void watermark(long watermark) {
            if (!watermarks.isEmpty() && watermark <= watermarks.get(watermarks.size() - 1)) {
                throw new IllegalStateException("watermark " + watermark + " after " + watermarks);
            }
            watermarks.add(watermark);
            events.add("wm " + watermark);
        }

        @Override
        public void finish() {
            if (finished) {
                throw new IllegalStateException("finish called twice");
            }
            finished = true;
        }
    }

    /** Runs {@code script} through {@code op}, whose input {@code i} has schema {@code inputs[i]}. */
    public static Recorded run(Operator op, List<? extends Element> script, RowSchema... inputs) {
        Recorded out = new Recorded();
        try (BufferAllocator root = new RootAllocator()) {
            BufferAllocator mine = root.newChildAllocator("operator", 0, Long.MAX_VALUE);
            BufferAllocator feed = root.newChildAllocator("feed", 0, Long.MAX_VALUE);
            OperatorContext ctx = new OperatorContext(mine, List.of(), ExprHarness.CLOCK, new OperatorMetrics("op"));
            out.metrics = ctx.metrics();
            try {
                op.open(ctx, out);
                for (Element e : script) {
                    if (e instanceof Batch b) {
                        try (VectorSchemaRoot batch = Vectors.fromRows(inputs[b.input()], b.rows(), feed)) {
                            op.onBatch(b.input(), batch);
                        }
                    } else if (e instanceof Watermark w) {
                        op.onWatermark(w.input(), w.watermark());
                    } else if (e instanceof End end) {
                        op.onEndOfInput(end.input());
                    }
                }
            } finally {
                op.close();
                long leaked = mine.getAllocatedMemory();
                mine.close();
                feed.close();
                if (leaked != 0) {
                    throw new AssertionError(op.getClass().getSimpleName() + " leaked " + leaked + " bytes");
                }
            }
        }
        return out;
    }
}
