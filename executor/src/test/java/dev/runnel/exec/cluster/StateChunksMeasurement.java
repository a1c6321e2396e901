package dev.runnel.exec.cluster;

import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.aggregate.HashAggregateOperator;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.log.Record;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the measurement of docs/benchmarks.md "Incremental task state". A continuous GROUP BY
 * ({@code k, COUNT(*), SUM(v)}) over 1M keys, then intervals in which 1% of the keys change (10,000
 * rows), each followed by a snapshot written as the first layout would (the whole snapshot: copy and
 * CRC) and as {@link StateChunks} does (content-defined chunks, hashes, only new chunks): bytes and
 * CPU per commit. Run with
 * {@code mvn -B test -pl executor -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=StateChunksMeasurement -Drunnel.measure=true}.
 */
@EnabledIfSystemProperty(named = "runnel.measure", matches = "true")
class StateChunksMeasurement {
    private static final int KEYS = 1_000_000;
    private static final int CHANGES = KEYS / 100;
    private static final int BATCH = 8192;
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final RowSchema IN = Schemas.of("k", TypeKind.BIGINT, "v", TypeKind.BIGINT);

    @Test
    void bytesAndCpuPerCommit() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        int[] next = {KEYS};
        measure("uniform: 1% of keys at random", i -> random.nextInt(KEYS));
        measure("hot range: 1% of keys, a contiguous range of ids", new IntUnaryOperator() {
            int base = -1;

            @Override
            public int applyAsInt(int i) {
                if (i == 0) {
                    base = random.nextInt(KEYS - CHANGES);
                }
                return base + i;
            }
        });
        measure("growth: 1% new keys", i -> next[0]++);
    }

    private void measure(String scenario, IntUnaryOperator changed) throws IOException {
        AggregateCall count = new AggregateCall(AggFunction.COUNT, List.of(), false, -1, BIGINT, "n");
        AggregateCall sum = new AggregateCall(AggFunction.SUM, List.of(1), false, -1, BIGINT, "total");
        try (BufferAllocator root = new RootAllocator();
                HashAggregateOperator op = new HashAggregateOperator(List.of(0), List.of(count, sum), IN,
                        Schemas.of("k", BIGINT, "n", BIGINT, "total", BIGINT), false, true)) {
            op.open(new OperatorContext(root.newChildAllocator("op", 0, Long.MAX_VALUE), List.of(),
                    Clock.systemUTC()), new Output() {
                        @Override
                        public void emit(VectorSchemaRoot batch) {}

                        @Override
                        public void finish() {}
                    });
            long[] keys = new long[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = i;
            }
            feed(op, root, keys);
            StateChunks writer = new StateChunks("v/b0", "fp", StateChunks.Restored.NONE);
            byte[] first = snapshot(op);
            int[] ends = StateChunker.boundaries(first, first.length);
            int atMax = 0;
            for (int i = 0, from = 0; i < ends.length; from = ends[i++]) {
                atMax += ends[i] - from == StateChunker.MAX ? 1 : 0;
            }
            System.out.printf("MEASURE %d chunks, %d of them cut at the maximum size%n", ends.length, atMax);
            writer.write(first, first.length);
            writer.committed();
            int rounds = 6;
            long snapNanos = 0;
            long oldNanos = 0;
            long newNanos = 0;
            long oldBytes = 0;
            long newBytes = 0;
            long size = 0;
            long cutNanos = 0;
            for (int r = 0; r < rounds; r++) {
                long[] change = new long[CHANGES];
                for (int i = 0; i < CHANGES; i++) {
                    change[i] = changed.applyAsInt(i);
                }
                feed(op, root, change);
                long t0 = System.nanoTime();
                byte[] state = snapshot(op);
                long t1 = System.nanoTime();
                List<Record> whole = firstLayout(state);
                long t2 = System.nanoTime();
                List<Record> records = writer.write(state, state.length);
                writer.committed();
                long t3 = System.nanoTime();
                StateChunker.boundaries(state, state.length);
                long t4 = System.nanoTime();
                if (r == 0) {
                    continue; // warm-up
                }
                cutNanos += t4 - t3;
                snapNanos += t1 - t0;
                oldNanos += t2 - t1;
                newNanos += t3 - t2;
                oldBytes += bytes(whole);
                newBytes += writer.lastBytes();
                size += state.length;
                if (bytes(records) != writer.lastBytes()) {
                    throw new AssertionError("bytes counted wrong");
                }
            }
            int n = rounds - 1;
            System.out.printf("MEASURE %s: snapshot %.1f MB, serialize %.1f ms; whole: %.2f MB, %.1f ms;"
                    + " incremental: %.2f MB (%.1f%%), %.1f ms, of which cutting %.1f ms (%d live chunks)%n", scenario,
                    size / 1e6 / n, snapNanos / 1e6 / n, oldBytes / 1e6 / n, oldNanos / 1e6 / n, newBytes / 1e6 / n,
                    100.0 * newBytes / oldBytes, newNanos / 1e6 / n, cutNanos / 1e6 / n, writer.liveChunks());
        }
    }

    private static long bytes(List<Record> records) {
        long n = 0;
        for (Record r : records) {
            n += r.key().length + (r.value() == null ? 0 : r.value().length);
        }
        return n;
    }

    /** What the first layout wrote: 512 KiB copies and a CRC of the whole. */
    private static List<Record> firstLayout(byte[] state) {
        List<Record> out = new ArrayList<>();
        for (int from = 0, c = 0; from < state.length; from += TaskState.CHUNK_BYTES, c++) {
            out.add(Record.of(("v/b0#" + c).getBytes(), java.util.Arrays.copyOfRange(state, from,
                    Math.min(state.length, from + TaskState.CHUNK_BYTES))));
        }
        CRC32C crc = new CRC32C();
        crc.update(state);
        out.add(Record.of("v/b0".getBytes(), java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array()));
        return out;
    }

    private static byte[] snapshot(HashAggregateOperator op) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(bytes);
        op.snapshot(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static void feed(HashAggregateOperator op, BufferAllocator root, long[] keys) {
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(dev.runnel.exec.arrow.ArrowTypes.toSchema(IN), root)) {
            for (int from = 0; from < keys.length; from += BATCH) {
                int n = Math.min(BATCH, keys.length - from);
                BigIntVector k = (BigIntVector) batch.getVector(0);
                BigIntVector v = (BigIntVector) batch.getVector(1);
                k.allocateNew(BATCH);
                v.allocateNew(BATCH);
                for (int i = 0; i < n; i++) {
                    k.set(i, keys[from + i]);
                    v.set(i, keys[from + i] % 100);
                }
                batch.setRowCount(n);
                op.onBatch(0, batch);
            }
        }
    }
}
