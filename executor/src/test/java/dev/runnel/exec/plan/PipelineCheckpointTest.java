package dev.runnel.exec.plan;

import static dev.runnel.exec.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.operator.sink.RowCollector;
import dev.runnel.exec.testing.InMemoryScans;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.HashJoinNode;
import dev.runnel.planner.physical.HashJoinNode.JoinKind;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.SortNode;
import dev.runnel.planner.physical.SortNode.SortKey;
import dev.runnel.planner.physical.UnionAllNode;
import dev.runnel.planner.physical.ValuesNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.TypeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole pipelines checkpointed through {@link Pipeline.Hooks}: a run stopped right after any source
 * batch or watermark, then the same plan built again and restored, delivers to its sink exactly
 * what an uninterrupted run does, also when several sources run one after another (a join's build
 * side has ended, a union's first input is done); a checkpoint of another plan is refused.
 */
class PipelineCheckpointTest {
    static final long NOW = 1_767_225_600_000L;
    final MutableClock clock = new MutableClock(NOW);
    final RootAllocator allocator = new RootAllocator();
    final InMemoryScans scans = new InMemoryScans();

    @AfterEach
    void close() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    /** What a sink got: rows and watermarks in order. */
    static final class Events implements Output {
        final List<Object> events = new ArrayList<>();
        boolean finished;

        @Override
        public void emit(VectorSchemaRoot batch) {
            events.addAll(RowCollector.toRows(batch));
        }

        @Override
        public void watermark(long watermark) {
            events.add("wm " + watermark);
        }

        @Override
        public void finish() {
            finished = true;
        }
    }

    /** Runs {@code plan} whole, counting the moments a checkpoint can be taken. */
    static final class Counting implements Pipeline.Hooks {
        int between;

        @Override
        public void between(Pipeline pipeline) {
            between++;
        }
    }

    /**
     * Snapshots at the {@code cut}-th moment and cancels (the job dies right after its checkpoint);
     * what the sink got after the checkpoint is cut off, as a sink that commits with checkpoints does.
     */
    static final class CheckpointAt implements Pipeline.Hooks {
        final int cut;
        final Events sink;
        int between;
        byte[] state;
        int delivered = -1;

        CheckpointAt(int cut, Events sink) {
            this.cut = cut;
            this.sink = sink;
        }

        @Override
        public void between(Pipeline pipeline) {
            if (++between == cut) {
                state = snapshot(pipeline);
                delivered = sink.events.size();
                pipeline.cancel();
            }
        }

        /** The sink's events up to the checkpoint. */
        List<Object> committed() {
            return new ArrayList<>(sink.events.subList(0, delivered));
        }
    }

    /** Restores {@code state} when the pipeline opens. */
    record RestoreFrom(byte[] state) implements Pipeline.Hooks {
        @Override
        public void opened(Pipeline pipeline) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
                pipeline.restore(in);
                assertThat(in.available()).isZero();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static byte[] snapshot(Pipeline pipeline) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            pipeline.snapshot(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    PlanBuilder builder() {
        return new PlanBuilder(new ExprCompiler(), scans);
    }

    /** Runs {@code plan} with {@code hooks} into {@code sink}; true if it ended, false if it was cancelled. */
    boolean run(PhysicalNode plan, Output sink, Pipeline.Hooks hooks) {
        try (Pipeline p = builder().build(plan, sink, allocator, List.of(), clock)) {
            p.run(hooks);
            return true;
        } catch (RunnelSqlException e) {
            assertThat(e.sqlState()).isEqualTo("57014");
            return false;
        }
    }

    /** For every moment of the run: checkpoint there, rebuild, restore, finish; the sink sees the whole run's output. */
    void everyCheckpointRestoresExactly(PhysicalNode plan) {
        Events whole = new Events();
        Counting counting = new Counting();
        assertThat(run(plan, whole, counting)).isTrue();
        assertThat(counting.between).isGreaterThan(2);
        for (int cut = 1; cut <= counting.between; cut++) {
            CheckpointAt first = new CheckpointAt(cut, new Events());
            run(plan, first.sink, first);
            assertThat(first.state).isNotNull();
            Events rest = new Events();
            assertThat(run(plan, rest, new RestoreFrom(first.state))).isTrue();
            List<Object> events = first.committed();
            events.addAll(rest.events);
            assertThat(events).as("checkpoint at moment %d of %d", cut, counting.between).isEqualTo(whole.events);
            assertThat(rest.finished).isTrue();
        }
    }

    RelationDef relation(String name, List<Column> columns, int batches, Function<Integer, List<Object>> row) {
        List<List<List<Object>>> data = new ArrayList<>();
        int n = 0;
        for (int b = 0; b < batches; b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i <= b % 3; i++) {
                rows.add(row.apply(n++));
            }
            data.add(rows);
        }
        @SuppressWarnings("unchecked")
        List<List<Object>>[] array = data.toArray(new List[0]);
        return scans.add(name, columns, array);
    }

    @Test
    void aJoinRestoredWhileProbingKeepsItsBuiltSideAndTheBuildSourceIsNotRunAgain() {
        RelationDef left = relation("l", InMemoryScans.columns("id", TypeKind.BIGINT, "s", TypeKind.VARCHAR), 7,
                i -> row((long) (i % 5), "l" + i));
        RelationDef right = relation("r", InMemoryScans.columns("rid", TypeKind.BIGINT, "w", TypeKind.BIGINT), 5,
                i -> row(i % 4 == 3 ? null : (long) (i % 6), (long) i));
        List<Column> both = new ArrayList<>(left.columns());
        both.addAll(right.columns());
        for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.FULL, JoinKind.ANTI)) {
            RowSchema schema = kind == JoinKind.ANTI ? new RowSchema(left.columns()) : new RowSchema(both);
            PhysicalNode join = new HashJoinNode(scans.scan(left), scans.scan(right), kind, List.of(0), List.of(0),
                    Optional.empty(), schema);
            everyCheckpointRestoresExactly(join);
            everyCheckpointRestoresExactly(new SortNode(join, List.of(new SortKey(1, true, false)), 1, 6));
        }
    }

    @Test
    void aUnionRestoredInItsSecondInputDoesNotRunTheFirstAgain() {
        List<Column> columns = InMemoryScans.columns("k", TypeKind.BIGINT, "s", TypeKind.VARCHAR);
        RelationDef a = relation("a", columns, 4, i -> row((long) i, "a" + i));
        RelationDef b = relation("b", columns, 5, i -> row((long) -i, "b" + i));
        RowSchema schema = new RowSchema(columns);
        ValuesNode values = new ValuesNode(List.of(row(100L, "v1"), row(101L, "v2")), schema);
        PhysicalNode union = new UnionAllNode(List.of(scans.scan(a), values, scans.scan(b)), schema);
        everyCheckpointRestoresExactly(union);
        everyCheckpointRestoresExactly(new SortNode(union, List.of(), 2, 7)); // a LIMIT that stops early
    }

    @Test
    void aCheckpointOfAnotherPlanIsRefused() {
        List<Column> columns = InMemoryScans.columns("k", TypeKind.BIGINT, "s", TypeKind.VARCHAR);
        RelationDef a = relation("a", columns, 3, i -> row((long) i, "a" + i));
        CheckpointAt first = new CheckpointAt(2, new Events());
        run(new SortNode(scans.scan(a), List.of(), 0, 100), first.sink, first);
        PhysicalNode other = new SortNode(scans.scan(a), List.of(new SortKey(0, false, false)), 0, 100);
        assertThatThrownBy(() -> run(other, new Events(), new RestoreFrom(first.state)))
                .hasRootCauseInstanceOf(IOException.class).rootCause().hasMessageContaining("another plan");
    }
}
