package dev.runnel.exec.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.testing.StreamTester.Batch;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.End;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.exec.testing.StreamTester.Watermark;
import dev.runnel.planner.physical.RowSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drives an operator through a {@link StreamTester} script as a job that is stopped and restored
 * from checkpoints would: after each cut (a count of script elements handled) the operator's state
 * is snapshotted and the operator closed, and a fresh instance, opened with a fresh context and
 * allocator, restores it and handles the rest. Everything every instance emits goes to one
 * {@link Recorded}, so a test compares it with an uninterrupted run. Also checks that a restore
 * reads exactly the bytes written, that snapshotting right after a restore writes the same bytes
 * again, and that no instance leaks memory.
 */
public final class SnapshotTester {
    private SnapshotTester() {}

    /** Runs {@code script} through instances from {@code operators}, checkpointing after each of {@code cuts}. */
    public static Recorded run(Supplier<? extends Operator> operators, List<? extends Element> script,
            List<Integer> cuts, RowSchema... inputs) {
        TreeSet<Integer> at = new TreeSet<>();
        for (int c : cuts) {
            at.add(Math.max(0, Math.min(script.size(), c)));
        }
        Recorded out = new Recorded();
        byte[] state = null;
        int from = 0;
        try (BufferAllocator root = new RootAllocator()) {
            BufferAllocator feed = root.newChildAllocator("feed", 0, Long.MAX_VALUE);
            int instance = 0;
            while (true) {
                Integer cut = at.ceiling(from);
                int to = cut == null ? script.size() : cut;
                state = segment(operators.get(), root, feed, instance++, state, script.subList(from, to), cut != null,
                        out, inputs);
                if (cut == null) {
                    break;
                }
                at.remove(cut);
                from = to;
            }
            feed.close();
        }
        return out;
    }

    /** One instance's life: open, restore {@code state} (if any), handle {@code elements}, snapshot if asked, close. */
    private static byte[] segment(Operator op, BufferAllocator root, BufferAllocator feed, int instance, byte[] state,
            List<? extends Element> elements, boolean snapshot, Recorded out, RowSchema[] inputs) {
        BufferAllocator mine = root.newChildAllocator("operator-" + instance, 0, Long.MAX_VALUE);
        OperatorContext ctx = new OperatorContext(mine, List.of(), ExprHarness.CLOCK, new OperatorMetrics("op"));
        out.metrics = ctx.metrics();
        byte[] written = null;
        try {
            op.open(ctx, out);
            if (state != null) {
                restore(op, state);
                assertThat(snapshot(op)).as("a snapshot right after a restore writes what was restored").isEqualTo(state);
            }
            for (Element e : elements) {
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
            if (snapshot) {
                written = snapshot(op);
            }
        } finally {
            op.close();
            long leaked = mine.getAllocatedMemory();
            mine.close();
            if (leaked != 0) {
                throw new AssertionError(op.getClass().getSimpleName() + " leaked " + leaked + " bytes");
            }
        }
        return written;
    }

    /** The operator's state as bytes. */
    public static byte[] snapshot(Operator op) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            op.snapshot(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores {@code state} into {@code op}, checking every byte is read. */
    public static void restore(Operator op, byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            op.restore(in);
            assertThat(in.available()).as("bytes of the state left unread").isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
