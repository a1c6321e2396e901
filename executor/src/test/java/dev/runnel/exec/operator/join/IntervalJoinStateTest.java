package dev.runnel.exec.operator.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.IntervalJoinNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.type.TypeKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Interval-join state stays bounded: 10 million events (5 million a side, 1 ms of event time
 * apart, up to 0.5 s out of order) through a LEFT interval join of ±10 s keep the state the
 * watermark allows (the rows of about 10 s per side plus disorder), the same at the end as early
 * on, in rows and in the bytes the operator reports; each left row that found no partner comes out
 * padded, and the late rows behind the watermark are dropped and counted.
 */
class IntervalJoinStateTest {
    static final RowSchema SIDE = Schemas.of("k", TypeKind.BIGINT, "v", TypeKind.BIGINT, "ts", TypeKind.TIMESTAMP);
    static final int BATCH = 4096;
    static final long EVENTS_PER_SIDE = 5_000_000;
    static final long INTERVAL = 10_000;
    static final long DELAY = 500;

    @Test
    void stateStaysFlatOverTenMillionEvents() {
        List<Column> both = new ArrayList<>(SIDE.columns());
        both.addAll(SIDE.columns());
        IntervalJoinNode node = new IntervalJoinNode(new ValuesNode(List.of(), SIDE), new ValuesNode(List.of(), SIDE),
                JoinKind.LEFT, List.of(0), List.of(0), 2, 2, -INTERVAL, INTERVAL, Optional.empty(), new RowSchema(both));
        long[] out = {0, 0}; // rows, padded rows
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot left = VectorSchemaRoot.create(dev.runnel.exec.arrow.ArrowTypes.toSchema(SIDE), allocator);
                VectorSchemaRoot right = VectorSchemaRoot.create(dev.runnel.exec.arrow.ArrowTypes.toSchema(SIDE), allocator)) {
            OperatorContext ctx = new OperatorContext(allocator.newChildAllocator("join", 0, Long.MAX_VALUE), List.of(),
                    Clock.systemUTC(), new OperatorMetrics("join"));
            IntervalJoinOperator op = new IntervalJoinOperator(node, new ExprCompiler());
            op.open(ctx, new Output() {
                @Override
                public void emit(VectorSchemaRoot batch) {
                    out[0] += batch.getRowCount();
                    BigIntVector rk = (BigIntVector) batch.getVector(3);
                    for (int i = 0; i < batch.getRowCount(); i++) {
                        out[1] += rk.isNull(i) ? 1 : 0;
                    }
                }

                @Override
                public void finish() {}
            });
            SplittableRandom random = new SplittableRandom(7);
            long[] clock = {0, 0};
            List<Long> rows = new ArrayList<>();
            List<Long> bytes = new ArrayList<>();
            long started = System.nanoTime();
            long late = 0;
            for (long sent = 0; sent < EVENTS_PER_SIDE; sent += BATCH) {
                for (int side = 0; side < 2; side++) {
                    VectorSchemaRoot b = side == 0 ? left : right;
                    late += fill(b, random, clock, side);
                    op.onBatch(side, b);
                    op.onWatermark(side, clock[side] - DELAY);
                }
                if (sent % (BATCH * 64) == 0) {
                    rows.add(op.stateRows());
                    bytes.add(ctx.metrics().stateBytes());
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            op.onWatermark(0, Long.MAX_VALUE);
            op.onWatermark(1, Long.MAX_VALUE);
            op.onEndOfInput(0);
            op.onEndOfInput(1);
            assertThat(op.stateRows()).isZero();
            System.out.printf("interval join: %,d events in %,d ms (%,d events/s); state rows %s; state bytes %s;"
                    + " %,d rows out, %,d padded; %,d late%n", 2 * EVENTS_PER_SIDE, millis,
                    2 * EVENTS_PER_SIDE * 1000 / Math.max(1, millis), rows, bytes, out[0], out[1],
                    ctx.metrics().lateRowsDropped());
            // the watermark allows about (interval + delay) of rows per side, 1 a ms; a slot and a batch of slack
            long bound = 2 * (INTERVAL + DELAY + 2 * IntervalSide.SLOT_MILLIS + BATCH);
            List<Long> steady = rows.subList(2, rows.size());
            assertThat(steady).allSatisfy(n -> assertThat(n).isBetween(2 * INTERVAL / 2, bound));
            long early = bytes.get(2);
            assertThat(bytes.subList(2, bytes.size())).allSatisfy(b -> assertThat(b).isLessThanOrEqualTo(early * 3));
            // rows 60 s behind are late once the watermark passed their interval (all but the first minute's)
            assertThat(ctx.metrics().lateRowsDropped()).isPositive().isLessThanOrEqualTo(late)
                    .isGreaterThan(late * 9 / 10);
            assertThat(out[1]).as("padded left rows").isPositive();
            op.close();
            ctx.allocator().close();
        }
    }

    /** The next batch of a side: ts 1 ms apart, up to 0.5 s behind; keys 0..99,999; 1 in 5,000 far behind (late). */
    private static long fill(VectorSchemaRoot b, SplittableRandom random, long[] clock, int side) {
        dev.runnel.exec.arrow.Vectors.allocate(b, BATCH);
        BigIntVector k = (BigIntVector) b.getVector(0);
        BigIntVector v = (BigIntVector) b.getVector(1);
        TimeStampMilliVector ts = (TimeStampMilliVector) b.getVector(2);
        long late = 0;
        for (int i = 0; i < BATCH; i++) {
            clock[side]++;
            long t = clock[side] - random.nextInt(500);
            if (random.nextInt(5_000) == 0) {
                t = clock[side] - 60_000; // behind the watermark by more than the interval: late
                late++;
            }
            k.set(i, random.nextInt(100_000));
            v.set(i, i);
            ts.set(i, Math.max(0, t));
        }
        b.setRowCount(BATCH);
        return late;
    }
}
