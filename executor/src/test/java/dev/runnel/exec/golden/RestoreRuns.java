package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.PlanBuilder;
import dev.runnel.exec.source.LogScanSourceFactory;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.StatementParser;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;

/**
 * The goldens' restore run: a query's plan over the inputs an engine holds, in small batches, run
 * whole, then checkpointed at a third and at two thirds of its moments between batches
 * ({@link Pipeline#snapshot}, then cancelled), built again and restored ({@link Pipeline#restore})
 * to run to the end: what came before the checkpoint plus what came after it must be the expected rows.
 */
final class RestoreRuns {
    private RestoreRuns() {}

    /** Checks the restored runs of {@code query} against {@code expected}; returns the whole run's rows, sorted. */
    static List<String> check(Engine engine, String name, String query, List<String> expected) {
        PlannedStatement planned = new StatementPlanner().plan(new StatementParser().parse(query), engine.catalog(),
                Map.of());
        PhysicalNode plan = ((PlannedStatement.Query) planned).root();
        PlanBuilder builder = new PlanBuilder(new ExprCompiler(), LogScanSourceFactory.bounded(engine.log())
                .withBatchRows(200).withFetchBytes(16 * 1024));
        try (RootAllocator allocator = new RootAllocator()) {
            JoinGoldenTest.Lines whole = new JoinGoldenTest.Lines(plan.schema());
            int[] moments = {0};
            try (Pipeline p = builder.build(plan, whole, allocator, List.of(), Clock.systemUTC())) {
                p.run(new Pipeline.Hooks() {
                    @Override
                    public void between(Pipeline pipeline) {
                        moments[0]++;
                    }
                });
            }
            for (int cut : new int[] {moments[0] / 3, moments[0] * 2 / 3}) {
                JoinGoldenTest.Lines before = new JoinGoldenTest.Lines(plan.schema());
                byte[][] state = new byte[1][];
                int[] delivered = {-1};
                int[] seen = {0};
                try (Pipeline p = builder.build(plan, before, allocator, List.of(), Clock.systemUTC())) {
                    p.run(new Pipeline.Hooks() {
                        @Override
                        public void between(Pipeline pipeline) {
                            if (++seen[0] == cut) {
                                state[0] = JoinGoldenTest.snapshot(pipeline);
                                delivered[0] = before.rows.size();
                                pipeline.cancel();
                            }
                        }
                    });
                } catch (RunnelSqlException e) {
                    assertThat(e.sqlState()).isEqualTo("57014");
                }
                assertThat(state[0]).as("a checkpoint at moment %d of %d", cut, moments[0]).isNotNull();
                JoinGoldenTest.Lines after = new JoinGoldenTest.Lines(plan.schema());
                try (Pipeline p = builder.build(plan, after, allocator, List.of(), Clock.systemUTC())) {
                    p.run(new Pipeline.Hooks() {
                        @Override
                        public void opened(Pipeline pipeline) {
                            try {
                                pipeline.restore(new DataInputStream(new ByteArrayInputStream(state[0])));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
                }
                List<String> all = new ArrayList<>(before.rows.subList(0, delivered[0]));
                all.addAll(after.rows);
                Collections.sort(all);
                assertThat(all).as(name + ", checkpoint at moment %d of %d, then restored", cut, moments[0])
                        .isEqualTo(expected);
            }
            List<String> rows = new ArrayList<>(whole.rows);
            Collections.sort(rows);
            return rows;
        }
    }
}
