package dev.runnel.exec.operator.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.expr.ExprCompiler;
import dev.runnel.exec.testing.SnapshotTester;
import dev.runnel.exec.testing.StreamTester;
import dev.runnel.exec.testing.StreamTester.Element;
import dev.runnel.exec.testing.StreamTester.Recorded;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.physical.MatchNode;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.StatementParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link MatchRecognizeOperator} on its own, over the plans of real queries (planned against a
 * stream {@code t (k, v, ts)}, input columns k, v, ts, _watermark): rows emitted in order, late
 * rows dropped and counted, and a run checkpointed and restored anywhere gives what an
 * uninterrupted run gives.
 */
class MatchRecognizeOperatorTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final String V_SHAPE = "SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY k ORDER BY ts"
            + " MEASURES A.v AS a, LAST(B.v) AS bottom, C.v AS c AFTER MATCH SKIP PAST LAST ROW PATTERN (A B+ C)"
            + " DEFINE B AS B.v < PREV(B.v), C AS C.v > PREV(C.v))";
    private static final List<String> QUERIES = List.of(V_SHAPE,
            "SELECT * FROM t MATCH_RECOGNIZE (PARTITION BY k ORDER BY ts MEASURES FIRST(A.ts) AS f, SUM(B.v) AS s,"
                    + " MAX(B.v) AS hi, COUNT(*) AS n AFTER MATCH SKIP TO NEXT ROW PATTERN (A B+? C) WITHIN INTERVAL"
                    + " '2' SECOND DEFINE B AS SUM(B.v) < 12 AND B.v <= LAST(A.v) + 2, C AS C.v > LAST(B.v))",
            "SELECT k, ts, v, var, n, bottom FROM t MATCH_RECOGNIZE (PARTITION BY k ORDER BY ts MEASURES CLASSIFIER()"
                    + " AS var, COUNT(*) AS n, FINAL MIN(B.v) AS bottom ALL ROWS PER MATCH AFTER MATCH SKIP TO LAST B"
                    + " PATTERN (A B{1,3} (C | D)) DEFINE A AS A.v > 2, B AS B.v < A.v, C AS C.v > A.v, D AS D.v = 0)");

    private static MatchNode plan(String sql) {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM t (k VARCHAR, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (partitions = 1)");
            PhysicalNode root = ((PlannedStatement.Query) new StatementPlanner().plan(new StatementParser().parse(sql),
                    engine.catalog(), Map.of())).root();
            while (!(root instanceof MatchNode)) {
                root = root.inputs().get(0);
            }
            return (MatchNode) root;
        }
    }

    private static final long NONE = Long.MIN_VALUE;

    /**
     * A row of the node's input: k, v, ts and _watermark (ts and watermark in millis after T0;
     * {@link #NONE}: NULL watermark), other metadata columns NULL.
     */
    private static List<Object> row(MatchNode node, String k, long v, long ts, long watermark) {
        List<Object> row = new ArrayList<>();
        for (var c : node.input().schema().columns()) {
            row.add(switch (c.name()) {
                case "k" -> k;
                case "v" -> v;
                case "ts" -> T0 + ts;
                case "_watermark" -> watermark == NONE ? null : T0 + watermark;
                default -> null;
            });
        }
        return row;
    }

    @Test
    void rowsWaitForTheWatermarkAndLateRowsAreDroppedAndCounted() {
        MatchNode node = plan(V_SHAPE);
        List<Element> script = List.of(
                StreamTester.batch(List.of(row(node, "x", 10, 1000, NONE), row(node, "x", 6, 3000, 1000), row(node, "x", 8, 2000, 1500))),
                StreamTester.watermark(T0 + 2500),
                StreamTester.batch(List.of(row(node, "x", 7, 4000, 2500), row(node, "x", 1, 2200, 3000))), // the second is late
                StreamTester.watermark(T0 + 5000), StreamTester.end());
        Recorded out = StreamTester.run(new MatchRecognizeOperator(node, new ExprCompiler()), script,
                node.input().schema());
        assertThat(out.rows).containsExactly(List.of("x", 10L, 6L, 7L));
        assertThat(out.metrics.lateRowsDropped()).isEqualTo(1);
        assertThat(out.watermarks).containsExactly(T0 + 2500, T0 + 5000);
    }

    @Provide
    Arbitrary<List<List<List<Object>>>> batches() {
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.of("x", "y"), Arbitraries.longs().between(0, 6),
                Arbitraries.longs().between(0, 300), Arbitraries.longs().between(-1, 400))
                .as((k, v, jitter, behind) -> Arrays.<Object>asList(k, v, jitter, behind));
        return row.list().ofMaxSize(10).list().ofMaxSize(10);
    }

    @Property(tries = 60)
    void aRunRestoredFromACheckpointGoesOnAsAnUninterruptedOne(@ForAll("batches") List<List<List<Object>>> batches,
            @ForAll("cuts") List<Integer> cuts, @ForAll("queries") int query) {
        MatchNode node = plan(QUERIES.get(query));
        List<Element> script = new ArrayList<>();
        long clock = 0;
        for (int b = 0; b < batches.size(); b++) {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> r : batches.get(b)) {
                clock += 250;
                long ts = clock - (long) r.get(2);
                long behind = (long) r.get(3);
                rows.add(row(node, (String) r.get(0), (long) r.get(1), ts, behind < 0 ? NONE : clock - 300 - behind));
            }
            script.add(StreamTester.batch(rows));
            if (b % 2 == 1) {
                script.add(StreamTester.watermark(T0 + clock - 350));
            }
        }
        script.add(StreamTester.end());
        Recorded whole = StreamTester.run(new MatchRecognizeOperator(node, new ExprCompiler()), script,
                node.input().schema());
        Recorded restored = SnapshotTester.run(() -> new MatchRecognizeOperator(node, new ExprCompiler()), script, cuts,
                node.input().schema());
        assertThat(restored.events).as("cuts %s", cuts).isEqualTo(whole.events);
        assertThat(restored.finished).isEqualTo(whole.finished);
        assertThat(restored.metrics.lateRowsDropped()).isEqualTo(whole.metrics.lateRowsDropped());
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 16).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Integer> queries() {
        return Arbitraries.integers().between(0, QUERIES.size() - 1);
    }
}
