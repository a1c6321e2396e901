package dev.runnel.exec.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.operator.Changelog;
import dev.runnel.exec.plan.PipelineCheckpointTest.CheckpointAt;
import dev.runnel.exec.plan.PipelineCheckpointTest.Events;
import dev.runnel.exec.plan.PipelineCheckpointTest.RestoreFrom;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.exec.testing.Relations;
import dev.runnel.exec.testing.Rows;
import dev.runnel.exec.testing.Schemas;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.AggregateCall;
import dev.runnel.planner.physical.AggregateCall.AggFunction;
import dev.runnel.planner.physical.AggregateNode;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.WindowAggregateNode;
import dev.runnel.planner.physical.WindowSpec;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A continuous job over the real log (tailing scans of three partitions, disordered events with
 * late rows): a TUMBLE window aggregate feeding a GROUP BY that emits a changelog, and a GROUP BY
 * straight over the scan. Checkpointed through {@link Pipeline.Hooks#between} midway, cancelled,
 * built again from the same plan and restored in {@link Pipeline.Hooks#opened}, it runs to the end
 * of the input with exactly the output of an uninterrupted run: the same changelog rows in the same
 * order, the same watermarks, and so the same table when the changelog is applied.
 */
class ContinuousCheckpointTest {
    static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    static final long END = StreamingPipelineTest.SENTINEL - 100; // the watermark once every sentinel is read

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(StreamingPipelineTest.NOW);
    EmbeddedLogStore store;
    RootAllocator allocator;

    @BeforeEach
    void open() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
        allocator = new RootAllocator();
    }

    @AfterEach
    void close() {
        store.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    static AggregateCall call(AggFunction f, boolean distinct, Integer... args) {
        return new AggregateCall(f, List.of(args), distinct, -1, BIGINT, f.name().toLowerCase() + args.length);
    }

    /** Per auction: how many TUMBLE windows it had bids in, their bid count, its top price. */
    static PhysicalNode windowsPerAuction(RelationDef r) {
        WindowAggregateNode windows = StreamingPipelineTest.windowed(r, WindowSpec.tumble(2, 1000), LatePolicy.DROP);
        return new AggregateNode(windows, List.of(0), List.of(call(AggFunction.COUNT, false),
                call(AggFunction.SUM, false, 3), call(AggFunction.MAX, false, 4)),
                Schemas.of("auction", BIGINT, "windows", BIGINT, "bids", BIGINT, "top", BIGINT));
    }

    /** Per auction over the raw bids: count, sum, min and distinct prices. */
    static PhysicalNode bidsPerAuction(RelationDef r) {
        return new AggregateNode(Relations.scan(r, 0, 1, 2), List.of(0), List.of(call(AggFunction.COUNT, false),
                call(AggFunction.SUM, false, 1), call(AggFunction.MIN, false, 1), call(AggFunction.COUNT, true, 1)),
                Schemas.of("auction", BIGINT, "n", BIGINT, "total", BIGINT, "low", BIGINT, "prices", BIGINT));
    }

    PlanBuilder builder() {
        return new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.unbounded(store).withBatchRows(64)
                .withFetchBytes(8192));
    }

    /** Stops the run once every row is in and the last watermark went through (a push query's user cancelling). */
    static final class UntilTheEnd implements Pipeline.Hooks {
        final Pipeline.Hooks inner;
        int between;

        UntilTheEnd(Pipeline.Hooks inner) {
            this.inner = inner;
        }

        @Override
        public void opened(Pipeline pipeline) {
            inner.opened(pipeline);
        }

        @Override
        public void between(Pipeline pipeline) {
            between++;
            inner.between(pipeline);
            if (pipeline.metrics().sourceWatermark() >= END) {
                pipeline.cancel();
            }
        }
    }

    void run(PhysicalNode plan, Events sink, Pipeline.Hooks hooks) {
        try (Pipeline p = builder().build(plan, sink, allocator, List.of(), clock)) {
            p.run(new UntilTheEnd(hooks));
        } catch (RunnelSqlException e) {
            assertThat(e.sqlState()).isEqualTo("57014"); // a tailing job ends by being cancelled
        }
    }

    @ParameterizedTest
    @Timeout(120)
    @ValueSource(strings = {"windows then GROUP BY", "GROUP BY"})
    void aJobRestoredFromAMidwayCheckpointEndsWithTheOutputOfAnUninterruptedOne(String which) {
        RelationDef r = Relations.timed("bids", StreamingPipelineTest.COLUMNS, Format.COLUMNAR, 3, 2, 100, Map.of());
        store.createTopic(r.storage().topic(), TopicSettings.forRelation(r));
        List<List<List<Object>>> events = StreamingPipelineTest.events(3, 1500, 7);
        Random random = new Random(3);
        for (int p = 0; p < 3; p++) { // blocks of random sizes, so fetches and batches cut them in many ways
            for (int at = 0; at < events.get(p).size(); ) {
                int n = Math.min(1 + random.nextInt(150), events.get(p).size() - at);
                LogSink sink = new LogSink(store, r, allocator, clock);
                sink.roundRobinPosition(p);
                try (VectorSchemaRoot b = Rows.toRoot(r.columns(), events.get(p).subList(at, at + n), allocator)) {
                    sink.write(b);
                }
                at += n;
            }
        }
        PhysicalNode plan = which.equals("GROUP BY") ? bidsPerAuction(r) : windowsPerAuction(r);

        Events whole = new Events();
        PipelineCheckpointTest.Counting counting = new PipelineCheckpointTest.Counting();
        run(plan, whole, counting);
        assertThat(applied(whole.events)).hasSizeGreaterThan(5);
        for (int cut : new int[] {counting.between / 3, counting.between / 2, counting.between - 2}) {
            CheckpointAt first = new CheckpointAt(cut, new Events());
            run(plan, first.sink, first);
            assertThat(first.state).isNotNull();
            Events rest = new Events();
            run(plan, rest, new RestoreFrom(first.state));
            List<Object> restored = first.committed();
            restored.addAll(rest.events);
            assertThat(applied(restored)).as("the table at the end, checkpoint at %d of %d", cut, counting.between)
                    .isEqualTo(applied(whole.events));
            assertThat(restored).as("the changelog and watermarks").isEqualTo(whole.events);
        }
    }

    /** Applies a changelog (rows ending in their change kind; watermarks skipped); each retraction must find its row. */
    @SuppressWarnings("unchecked")
    static Map<List<Object>, Integer> applied(List<Object> events) {
        Map<List<Object>, Integer> table = new HashMap<>();
        for (Object e : events) {
            if (!(e instanceof List<?>)) {
                continue;
            }
            List<Object> c = (List<Object>) e;
            List<Object> row = new ArrayList<>(c.subList(0, c.size() - 1));
            if (Changelog.retracts((Integer) c.get(c.size() - 1))) {
                Integer n = table.get(row);
                assertThat(n).as("retracts a row that is there: " + c).isNotNull();
                if (n == 1) {
                    table.remove(row);
                } else {
                    table.put(row, n - 1);
                }
            } else {
                table.merge(row, 1, Integer::sum);
            }
        }
        return table;
    }
}
