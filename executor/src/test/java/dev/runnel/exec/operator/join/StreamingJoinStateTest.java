package dev.runnel.exec.operator.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.OperatorMetrics;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.RowSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The regular join's state: the TTL drops rows not written for longer, gone rows are compacted away, state is reported. */
class StreamingJoinStateTest {
    static final RowSchema LEFT = StreamingJoinProperties.LEFT;
    static final RowSchema RIGHT_OP = Changelog.withOp(StreamingJoinProperties.RIGHT);

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        long millis;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    final BufferAllocator root = new RootAllocator();
    final ManualClock clock = new ManualClock();
    final Recorded out = new Recorded();
    RowSchema leftSchema = LEFT;

    @AfterEach
    void close() {
        root.close();
    }

    StreamingJoinOperator open(JoinKind kind, long ttl) {
        return open(kind, ttl, false);
    }

    StreamingJoinOperator open(JoinKind kind, long ttl, boolean changelogLeft) {
        leftSchema = changelogLeft ? Changelog.withOp(LEFT) : LEFT;
        StreamingJoinOperator op = new StreamingJoinOperator(kind, List.of(0), List.of(0), Optional.empty(), LEFT,
                StreamingJoinProperties.RIGHT, changelogLeft, true, ttl, StreamingJoinProperties.COMPILER);
        OperatorContext ctx = new OperatorContext(root.newChildAllocator("op", 0, Long.MAX_VALUE), List.of(), clock,
                new OperatorMetrics("op"));
        out.metrics = ctx.metrics();
        op.open(ctx, out);
        return op;
    }

    void send(StreamingJoinOperator op, int input, List<List<Object>> rows) {
        try (VectorSchemaRoot batch = Vectors.fromRows(input == 0 ? leftSchema : RIGHT_OP, rows, root)) {
            op.onBatch(input, batch);
        }
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void theTtlDropsRowsNotWrittenForLongerWithoutOutputSoLaterRowsMissThem() {
        StreamingJoinOperator op = open(JoinKind.INNER, 1_000);
        send(op, 0, List.of(row(1L, 10L), row(2L, 20L)));
        clock.millis = 500;
        send(op, 1, List.of(row(1L, 100L, Changelog.INSERT)));
        assertThat(out.rows).containsExactly(row(1L, 10L, 1L, 100L, Changelog.INSERT));
        clock.millis = 1_200; // the left rows were written at 0 (row 1 again at 500, when it matched): 2 goes
        send(op, 1, List.of(row(2L, 200L, Changelog.INSERT), row(1L, 101L, Changelog.INSERT)));
        assertThat(out.rows.subList(1, out.rows.size())).containsExactly(row(1L, 10L, 1L, 101L, Changelog.INSERT));
        assertThat(op.liveRows(0)).isEqualTo(1);
        clock.millis = 5_000; // everything expired: nothing joins, nothing is retracted
        send(op, 0, List.of(row(1L, 11L)));
        send(op, 1, List.of(row(1L, 100L, Changelog.DELETE)));
        assertThat(out.rows).hasSize(2);
        assertThat(op.liveRows(0)).isEqualTo(1);
        assertThat(op.liveRows(1)).isZero();
        op.close();
    }

    @Test
    void aRowWhosePartnersTheTtlDroppedIsRetractedWithoutAPaddedRowThatNeverWentOut() {
        StreamingJoinOperator op = open(JoinKind.LEFT, 1_000, true);
        send(op, 0, List.of(row(1L, 10L, Changelog.INSERT)));
        send(op, 1, List.of(row(1L, 100L, Changelog.INSERT)));
        clock.millis = 900; // a partner comes and goes: the left row is written again, the first partner is not
        send(op, 1, List.of(row(1L, 101L, Changelog.INSERT), row(1L, 101L, Changelog.DELETE)));
        clock.millis = 1_500; // the first partner is dropped; the left row still counts it as a match
        send(op, 0, List.of(row(1L, 10L, Changelog.DELETE)));
        assertThat(out.rows).containsExactly(row(1L, 10L, null, null, Changelog.INSERT),
                row(1L, 10L, null, null, Changelog.DELETE), row(1L, 10L, 1L, 100L, Changelog.INSERT),
                row(1L, 10L, 1L, 101L, Changelog.INSERT), row(1L, 10L, 1L, 101L, Changelog.DELETE));
        assertThat(op.liveRows(0)).isZero();
        op.close();
    }

    @Test
    void retractedRowsAreCompactedAwayAndTheRestStillJoin() {
        StreamingJoinOperator op = open(JoinKind.LEFT, 0);
        List<List<Object>> adds = new ArrayList<>();
        List<List<Object>> deletes = new ArrayList<>();
        for (long k = 0; k < 3_000; k++) {
            adds.add(row(k, k, Changelog.INSERT));
            if (k >= 100) {
                deletes.add(row(k, k, Changelog.DELETE));
            }
        }
        send(op, 1, adds);
        long full = out.metrics.stateBytes();
        send(op, 1, deletes);
        assertThat(op.liveRows(1)).isEqualTo(100);
        assertThat(out.metrics.stateBytes()).as("reported after compaction").isPositive().isLessThan(full);
        List<List<Object>> probes = new ArrayList<>();
        for (long k = 0; k < 3_000; k += 10) {
            probes.add(row(k, -k));
        }
        send(op, 0, probes);
        long matched = out.rows.stream().filter(r -> r.get(2) != null).count();
        assertThat(matched).isEqualTo(10);
        assertThat(out.rows).hasSize(300).contains(row(50L, -50L, 50L, 50L, Changelog.INSERT),
                row(2_990L, -2_990L, null, null, Changelog.INSERT));
        op.close();
    }
}
