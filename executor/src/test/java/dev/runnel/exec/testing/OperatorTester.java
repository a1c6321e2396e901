package dev.runnel.exec.testing;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Operator;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.planner.physical.RowSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Drives one operator the way Trino's operator tests do: build batches, feed them, collect the
 * output rows. Each input batch is closed right after onBatch (as a caller would), so an operator
 * that keeps a reference to it fails; the operator's allocator must be empty after close.
 */
public final class OperatorTester {
    private OperatorTester() {}

    /** One input: its schema and its batches, each a list of rows. */
    public record Input(RowSchema schema, List<List<List<Object>>> batches) {
        public static Input of(RowSchema schema, List<List<Object>>... batches) {
            return new Input(schema, List.of(batches));
        }
    }

    /** Runs {@code op}, feeding inputs from the last to the first (a join's build side first). */
    public static RowCollector run(Operator op, Input... inputs) {
        return run(op, List.of(), inputs);
    }

    public static RowCollector run(Operator op, List<Object> parameters, Input... inputs) {
        RowCollector out = new RowCollector();
        try (BufferAllocator root = new RootAllocator()) {
            BufferAllocator mine = root.newChildAllocator("operator", 0, Long.MAX_VALUE);
            BufferAllocator feed = root.newChildAllocator("feed", 0, Long.MAX_VALUE);
            try {
                op.open(new OperatorContext(mine, parameters, ExprHarness.CLOCK), out);
                for (int i = inputs.length - 1; i >= 0; i--) {
                    for (List<List<Object>> rows : inputs[i].batches()) {
                        try (VectorSchemaRoot batch = Vectors.fromRows(inputs[i].schema(), rows, feed)) {
                            op.onBatch(i, batch);
                        }
                    }
                    op.onEndOfInput(i);
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

    /** {@code n} rows made by {@code maker} from the row number. */
    public static List<List<Object>> generate(int n, java.util.function.IntFunction<List<Object>> maker) {
        List<List<Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(maker.apply(i));
        }
        return rows;
    }
}
