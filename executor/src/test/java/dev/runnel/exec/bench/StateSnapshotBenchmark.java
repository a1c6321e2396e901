package dev.runnel.exec.bench;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.HashAggregateOperator;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Checkpoint cost of a large GROUP BY: {@code SELECT k, COUNT(*), SUM(v) ... GROUP BY k} run
 * continuously (as a view's job would) over {@code groups} distinct keys, BIGINT or VARCHAR
 * ({@code "key-" + n}), two rows per key.
 * <ul>
 *   <li>{@link #snapshot}: the operator's state into a growing {@link ByteArrayOutputStream}, as
 *       {@code Pipeline.snapshot} collects a section;</li>
 *   <li>{@link #restore}: that state into a freshly opened operator.</li>
 * </ul>
 * Score: milliseconds per snapshot or restore of the whole state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
public class StateSnapshotBenchmark {
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);

    @Param({"1000000"})
    int groups;

    @Param({"BIGINT", "VARCHAR"})
    String keyType;

    BufferAllocator allocator;
    RowSchema in;
    RowSchema out;
    List<AggregateCall> calls;
    HashAggregateOperator loaded;
    byte[] state;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        allocator = new RootAllocator();
        TypeKind key = TypeKind.valueOf(keyType);
        in = Schemas.of("k", key, "v", TypeKind.BIGINT);
        calls = List.of(new AggregateCall(AggFunction.COUNT, List.of(), false, -1, BIGINT, "n"),
                new AggregateCall(AggFunction.SUM, List.of(1), false, -1, BIGINT, "total"));
        out = Schemas.of("k", key, "n", TypeKind.BIGINT, "total", TypeKind.BIGINT);
        loaded = open();
        try (VectorSchemaRoot batch = Vectors.newRoot(in, allocator)) {
            for (int round = 0; round < 2; round++) {
                for (int first = 0; first < groups; first += Vectors.MAX_BATCH_ROWS) {
                    int n = Math.min(Vectors.MAX_BATCH_ROWS, groups - first);
                    Vectors.allocate(batch, n);
                    for (int i = 0; i < n; i++) {
                        long k = first + i;
                        if (key == TypeKind.BIGINT) {
                            ((BigIntVector) batch.getVector(0)).set(i, k * 7919);
                        } else {
                            ((VarCharVector) batch.getVector(0)).setSafe(i, ("key-" + k).getBytes());
                        }
                        ((BigIntVector) batch.getVector(1)).set(i, k + round);
                    }
                    batch.setRowCount(n);
                    for (var v : batch.getFieldVectors()) {
                        v.setValueCount(n);
                    }
                    loaded.onBatch(0, batch);
                }
            }
        }
        state = snapshot();
        System.out.printf("%n%d groups (%s keys): state of %.1f MB%n", groups, keyType, state.length / 1e6);
    }

    private HashAggregateOperator open() {
        HashAggregateOperator op = new HashAggregateOperator(List.of(0), calls, in, out, false, true);
        op.open(new OperatorContext(allocator.newChildAllocator("op", 0, Long.MAX_VALUE), List.of(), Clock.systemUTC()),
                new Output() {
                    @Override
                    public void emit(VectorSchemaRoot batch) {}

                    @Override
                    public void finish() {}
                });
        return op;
    }

    @Benchmark
    public byte[] snapshot() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            loaded.snapshot(data);
        }
        return bytes.toByteArray();
    }

    @Benchmark
    public HashAggregateOperator restore() throws IOException {
        HashAggregateOperator op = open();
        try (DataInputStream data = new DataInputStream(new ByteArrayInputStream(state))) {
            op.restore(data);
        }
        op.close();
        return op;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loaded.close();
    }
}
