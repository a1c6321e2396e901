package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SELECT STREAM through the engine: rows while other sessions insert, LIMIT, cancel and its memory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PushQueryTest {
    Engine engine;
    Session reader;
    Session writer;

    @BeforeEach
    void open() {
        engine = Engines.open(EngineConfig.memory());
        reader = engine.openSession();
        writer = engine.openSession();
        writer.execute("CREATE STREAM bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3), "
                + "WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 2, key = 'auction')");
    }

    @AfterEach
    void close() {
        reader.close();
        writer.close();
        engine.close();
    }

    long allocated() {
        return ((RunnelEngine) engine).allocator().getAllocatedMemory();
    }

    void insert(int from, int to) {
        StringBuilder sql = new StringBuilder("INSERT INTO bids VALUES ");
        for (int i = from; i < to; i++) {
            sql.append(i == from ? "" : ", ").append("(").append(i % 7).append(", ").append(i).append(", TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '")
                    .append(i).append("' SECOND)");
        }
        writer.execute(sql.toString());
    }

    static List<List<Object>> fetch(RowResult r, int n) {
        List<List<Object>> out = new ArrayList<>();
        while (out.size() < n) {
            List<Object[]> chunk = r.fetch(n - out.size());
            if (chunk.isEmpty()) {
                break;
            }
            chunk.forEach(row -> out.add(Arrays.asList(row)));
        }
        return out;
    }

    @Test
    void rowsArriveWhileAnotherSessionKeepsInsertingAndCancelFreesTheQuery() {
        insert(0, 10);
        long before = allocated();
        RowResult r = (RowResult) reader.execute("SELECT STREAM price, price * 2 FROM bids WHERE price >= 0");
        assertThat(r.unbounded()).isTrue();
        assertThat(fetch(r, 10)).hasSize(10); // what a pull query would give first
        assertThat(allocated()).isGreaterThan(before); // the projection's output batch, at least
        for (int round = 1; round <= 5; round++) {
            long end = round * 10 + 10;
            insert(round * 10, (int) end);
            assertThat(fetch(r, 10)).extracting(row -> (Long) row.get(0)).allMatch(p -> p >= end - 10 && p < end)
                    .hasSize(10);
        }
        r.cancel();
        assertThat(r.fetch(10)).isEmpty();
        assertThat(allocated()).isEqualTo(before);
    }

    @Test
    void aWindowedPushQueryEmitsWindowsAsInsertsMoveEventTimeAndCancelFreesItsState() {
        // the planner does not translate window TVFs yet: the plan is built as it will build it
        dev.runnel.planner.catalog.RelationDef bids = engine.catalog().find("bids").orElseThrow();
        dev.runnel.planner.physical.ScanNode scan = dev.runnel.exec.testing.Relations.scan(bids, 0, 1, 2, 7);
        dev.runnel.sql.type.DataType bigint = dev.runnel.sql.type.DataType.of(dev.runnel.sql.type.TypeKind.BIGINT);
        var window = new dev.runnel.planner.physical.WindowAggregateNode(scan,
                dev.runnel.planner.physical.WindowSpec.tumble(2, 10_000), 3, List.of(0), List.of(
                        new dev.runnel.planner.physical.AggregateCall(
                                dev.runnel.planner.physical.AggregateCall.AggFunction.MAX, List.of(1), false, -1, bigint, "top")),
                dev.runnel.planner.physical.LatePolicy.DROP, dev.runnel.exec.testing.Schemas.of("auction", bigint,
                        "window_start", dev.runnel.sql.type.TypeKind.TIMESTAMP, "window_end",
                        dev.runnel.sql.type.TypeKind.TIMESTAMP, "top", bigint));
        long before = allocated();
        RowResult r = new QueryRunner((RunnelEngine) engine).query(
                new dev.runnel.planner.PlannedStatement.Query(window, true, 0), List.of());
        // event time 0..24 s: every auction, so each partition, reaches 18 s: the watermark (minus 1 s) closes [0, 10)
        insert(0, 25);
        List<List<Object>> first = fetch(r, 7);
        long start = 1_767_225_600_000L;
        assertThat(first).extracting(row -> row.get(1)).containsOnly(start);
        assertThat(first).extracting(row -> row.get(3)).containsExactlyInAnyOrder(7L, 8L, 9L, 3L, 4L, 5L, 6L);
        insert(25, 40); // each partition reaches 33 s at least: [10, 20) and [20, 30) close, [30, 40) not
        assertThat(fetch(r, 14)).extracting(row -> row.get(1)).containsOnly(start + 10_000, start + 20_000);
        r.cancel();
        assertThat(allocated()).isEqualTo(before);
    }

    @Test
    void limitEndsAPushQuery() {
        insert(0, 3);
        RowResult r = (RowResult) reader.execute("SELECT STREAM auction, price FROM bids LIMIT 5");
        assertThat(fetch(r, 3)).hasSize(3);
        insert(3, 10);
        assertThat(fetch(r, 100)).hasSize(2); // then the end
        assertThat(r.fetch(1)).isEmpty();
        r.close();
    }
}
