package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A job and a push query over an interval join of two streams, while both streams receive rows:
 * pairs come as their second row arrives, LEFT rows without a partner once the watermark of both
 * streams passes their interval, and SHOW JOBS reports the join's state.
 */
class JoinJobTest {
    static final String STREAMS = "CREATE STREAM asks (item BIGINT, price BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 1);"
            + "CREATE STREAM offers (item BIGINT, price BIGINT, ts TIMESTAMP(3),"
            + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (partitions = 1);"
            + "CREATE STREAM paired (item BIGINT, ask BIGINT, offer BIGINT)";

    static String at(int second) {
        return "TIMESTAMP '2026-01-01 00:00:" + (second < 10 ? "0" : "") + second + "'";
    }

    @Test
    @Timeout(120)
    void aJobOverAnIntervalJoinWritesPairsAndPaddedRowsAsBothStreamsArrive() throws Exception {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session a = engine.openSession();
                Session b = engine.openSession()) {
            for (String s : STREAMS.split(";")) {
                a.execute(s);
            }
            a.execute("CREATE JOB pairs AS INSERT INTO paired SELECT k.item, k.price, o.price FROM asks k"
                    + " LEFT JOIN offers o ON k.item = o.item AND o.ts BETWEEN k.ts AND k.ts + INTERVAL '2' SECOND");
            b.execute("INSERT INTO asks VALUES (1, 10, " + at(1) + "), (2, 20, " + at(2) + ")");
            b.execute("INSERT INTO offers VALUES (1, 11, " + at(2) + ")");
            JobTest.eventually(() -> JobTest.rows(a, "SELECT item, ask, offer FROM paired").size() == 1);
            // item 2's interval ends at 4 s: padded once both watermarks pass it (ts - 1 s > 4 s)
            b.execute("INSERT INTO asks VALUES (3, 30, " + at(9) + ")");
            b.execute("INSERT INTO offers VALUES (3, 31, " + at(10) + ")");
            JobTest.eventually(() -> JobTest.rows(a, "SELECT item, ask, offer FROM paired").size() == 3);
            List<Object[]> rows = JobTest.rows(a, "SELECT item, ask, offer FROM paired ORDER BY item");
            assertThat(rows).extracting(r -> List.of(r[0], r[1], r[2] == null ? "NULL" : r[2]))
                    .containsExactly(List.of(1L, 10L, 11L), List.of(2L, 20L, "NULL"), List.of(3L, 30L, 31L));
            Map<String, Object> job = JobTest.job(a, "pairs");
            assertThat(job).containsEntry("state", "RUNNING").containsEntry("rows_out", 3L);
            assertThat((Long) job.get("state_bytes")).as("the join's state, reported").isPositive();

            // and a push query over the same join sees the pairs of rows that arrive while it runs
            RowResult push = (RowResult) a.execute("SELECT STREAM k.item, o.price FROM asks k JOIN offers o"
                    + " ON k.item = o.item AND o.ts BETWEEN k.ts - INTERVAL '1' SECOND AND k.ts");
            b.execute("INSERT INTO offers VALUES (4, 41, " + at(20) + ")");
            b.execute("INSERT INTO asks VALUES (4, 40, " + at(21) + ")");
            List<Object[]> got = new java.util.ArrayList<>();
            while (got.stream().noneMatch(r -> r[0].equals(4L))) {
                got.addAll(push.fetch(10));
            }
            assertThat(got).anyMatch(r -> r[0].equals(4L) && r[1].equals(41L));
            push.cancel();
        }
    }

    @Test
    @Timeout(120)
    void aPushQueryOverAViewAndAStreamFollowsBoth() throws Exception {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session a = engine.openSession();
                Session b = engine.openSession()) {
            for (String s : STREAMS.split(";")) {
                a.execute(s);
            }
            a.execute("CREATE MATERIALIZED VIEW top_ask AS SELECT item, MAX(price) AS price FROM asks GROUP BY item");
            b.execute("INSERT INTO asks VALUES (1, 10, " + at(1) + ")");
            assertThat(JobTest.rows(a, "SELECT price FROM top_ask")).hasSize(1); // read-your-writes: 10 is in
            RowResult push = (RowResult) a.execute("SELECT STREAM item, price FROM top_ask"
                    + " UNION ALL SELECT item, price FROM offers");
            List<String> got = new java.util.ArrayList<>();
            follow(push, got, "1,10,+I"); // the view's rows when the query began
            b.execute("INSERT INTO offers VALUES (7, 70, " + at(2) + ")");
            b.execute("INSERT INTO asks VALUES (1, 15, " + at(3) + ")");
            follow(push, got, "7,70,+I");
            follow(push, got, "1,15,+U");
            assertThat(got).contains("1,10,+I", "7,70,+I", "1,10,-U", "1,15,+U");
            push.cancel();
        }
    }

    /** Fetches from {@code push} into {@code got} until {@code line} (item,price,op) came. */
    static void follow(RowResult push, List<String> got, String line) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!got.contains(line)) {
            assertThat(System.currentTimeMillis()).as("waiting for " + line + ", rows so far: " + got).isLessThan(deadline);
            List<Object[]> chunk = push.fetch(10, 200);
            for (Object[] r : chunk == null ? List.<Object[]>of() : chunk) {
                got.add(r[0] + "," + r[1] + "," + r[2]);
            }
        }
    }
}
