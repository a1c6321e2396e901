package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.exec.arrow.Vectors;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.StatementParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * A point lookup on a view answered straight from the view's table (no pipeline, no query thread)
 * gives what the general plan (a lookup source under the filter and projection operators) gives:
 * keys of every type, loose parameter classes, NULL and missing keys, IN lists, projections and
 * extra conditions, errors, warnings, and plan invalidation.
 */
class ViewLookupTest {
    private static final String STREAM = "CREATE STREAM t (k_bigint BIGINT, k_int INT, k_double DOUBLE,"
            + " k_dec DECIMAL(10, 2), k_str VARCHAR, k_bool BOOLEAN, k_date DATE, k_ts TIMESTAMP(3), v BIGINT)";
    private static final String ROWS = "INSERT INTO t VALUES"
            + " (1, 10, 1.5E0, 1.50, 'a', TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 00:00:01.250', 100),"
            + " (1, 10, 1.5E0, 1.50, 'a', TRUE, DATE '2026-01-01', TIMESTAMP '2026-01-01 00:00:01.250', 7),"
            + " (2, 20, -0.0E0, 2.25, 'bé', FALSE, DATE '2025-12-31', TIMESTAMP '2025-12-31 23:59:59.999', 5),"
            + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 9),"
            + " (3, 30, 3.0E0, 3.00, '', TRUE, DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00.000', NULL)";
    private static final List<String> KEYS = List.of("k_bigint", "k_int", "k_double", "k_dec", "k_str", "k_bool",
            "k_date", "k_ts");
    /** A parameter per key column for each inserted key tuple: the Java values a session takes (some loose). */
    private static final List<List<Object>> PARAMS = List.of(
            Arrays.asList(1L, 10, 1.5, new BigDecimal("1.5"), "a", true, 20454, 1767225601250L),
            Arrays.asList(2, 20L, 0.0, new BigDecimal("2.250"), "bé", false, 20453, 1767225599999L),
            Arrays.asList(3L, 30, 3.0, new BigDecimal("3.00"), "", true, 0, 0L),
            Arrays.asList(null, null, null, null, null, null, null, null),
            Arrays.asList(4L, 40, 4.5, new BigDecimal("9.99"), "zz", false, 1, 1L));

    private static Engine setUp() {
        Engine engine = Engines.open(EngineConfig.memory());
        try (Session s = engine.openSession()) {
            s.execute(STREAM);
            s.execute(ROWS);
            s.execute("CREATE MATERIALIZED VIEW multi AS SELECT " + String.join(", ", KEYS)
                    + ", COUNT(*) AS n, SUM(v) AS total FROM t GROUP BY " + String.join(", ", KEYS));
            for (String k : KEYS) {
                s.execute("CREATE MATERIALIZED VIEW by_" + k + " AS SELECT " + k + ", COUNT(*) AS n, SUM(v) AS total,"
                        + " MAX(k_str) AS s, MAX(k_dec) AS d FROM t GROUP BY " + k);
            }
        }
        return engine;
    }

    private static PlannedStatement.Query plan(Engine engine, String sql) {
        return (PlannedStatement.Query) new StatementPlanner().plan(new StatementParser().parse(sql),
                ((RunnelEngine) engine).catalog(), Map.of());
    }

    private static List<List<Object>> drain(RowResult r) {
        List<List<Object>> out = new ArrayList<>();
        try (r) {
            for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
                chunk.forEach(row -> out.add(Arrays.asList(row)));
            }
        }
        return out;
    }

    /** Runs {@code sql} both ways and checks the direct lookup ran and answered as the general plan did; returns the rows. */
    private static List<List<Object>> same(Engine engine, String sql, List<Object> params) {
        PlannedStatement.Query q = plan(engine, sql);
        assertThat(PlanCache.lookupOf(q)).as("a direct lookup: " + sql).isNotNull();
        QueryRunner runner = new QueryRunner((RunnelEngine) engine);
        RowResult general = runner.query(q, params, ScanStart.EARLIEST, true, null);
        RowResult direct = runner.query(q, params, ScanStart.EARLIEST, true, PlanCache.lookupOf(q));
        assertThat(general).isInstanceOf(QueuedRowResult.class);
        assertThat(direct).as(sql + " " + params).isInstanceOf(ListRowResult.class);
        assertThat(direct.columns()).isEqualTo(general.columns());
        assertThat(direct.unbounded()).isFalse();
        List<List<Object>> expected = drain(general);
        List<List<Object>> actual = drain(direct);
        assertThat(actual).as(sql + " " + params).isEqualTo(expected);
        assertThat(direct.warnings()).isEqualTo(general.warnings());
        return actual;
    }

    @Test
    void aLookupOnEveryKeyTypeFindsWhatTheGeneralPlanFinds() {
        try (Engine engine = setUp()) {
            for (int k = 0; k < KEYS.size(); k++) {
                String sql = "SELECT * FROM by_" + KEYS.get(k) + " WHERE " + KEYS.get(k) + " = ?";
                for (int p = 0; p < PARAMS.size(); p++) {
                    List<List<Object>> rows = same(engine, sql, Arrays.asList(PARAMS.get(p).get(k)));
                    // rows 1-3 exist; NULL matches nothing (not even the NULL group), row 5 is missing;
                    // for BOOLEAN, tuple 3 is TRUE again and tuple 5 FALSE again
                    boolean exists = p < 3 || (KEYS.get(k).equals("k_bool") && p == 4);
                    assertThat(rows).as(sql + " with tuple " + p).hasSize(exists ? 1 : 0);
                }
            }
        }
    }

    @Test
    void aCompositeKeyOfEveryTypeIsLookedUpWhole() {
        try (Engine engine = setUp()) {
            StringBuilder where = new StringBuilder();
            for (String k : KEYS) {
                where.append(where.length() == 0 ? "" : " AND ").append(k).append(" = ?");
            }
            String sql = "SELECT n, total, k_str FROM multi WHERE " + where;
            assertThat(same(engine, sql, PARAMS.get(0))).containsExactly(List.of(2L, 107L, "a"));
            assertThat(same(engine, sql, PARAMS.get(1))).containsExactly(List.of(1L, 5L, "bé"));
            assertThat(same(engine, sql, PARAMS.get(2))).containsExactly(Arrays.asList(1L, null, ""));
            assertThat(same(engine, sql, PARAMS.get(3))).isEmpty();
            assertThat(same(engine, sql, PARAMS.get(4))).isEmpty();
            List<Object> oneOff = new ArrayList<>(PARAMS.get(0));
            oneOff.set(7, 1767225601251L); // one millisecond off
            assertThat(same(engine, sql, oneOff)).isEmpty();
        }
    }

    @Test
    void inListsLiteralsExtraConditionsAndProjectionsAnswerAsTheGeneralPlan() {
        try (Engine engine = setUp()) {
            assertThat(same(engine, "SELECT total, n FROM by_k_bigint WHERE k_bigint IN (?, ?, ?, ?)",
                    Arrays.asList(3L, 1L, 99L, 1L))).containsExactly(Arrays.asList(null, 1L), List.of(107L, 2L),
                    List.of(107L, 2L));
            assertThat(same(engine, "SELECT total FROM by_k_bigint WHERE k_bigint IN (?, ?)",
                    Arrays.asList(null, 2L))).containsExactly(List.of(5L));
            assertThat(same(engine, "SELECT * FROM by_k_str WHERE k_str IN ('a', 'bé', 'nope')", List.of()))
                    .hasSize(2);
            assertThat(same(engine, "SELECT total FROM by_k_int WHERE k_int = 10", List.of()))
                    .containsExactly(List.of(107L));
            assertThat(same(engine, "SELECT total FROM by_k_bigint WHERE k_bigint = ? AND n > 1", List.of(1L)))
                    .containsExactly(List.of(107L));
            assertThat(same(engine, "SELECT total FROM by_k_bigint WHERE k_bigint = ? AND n > 1", List.of(2L)))
                    .isEmpty();
            assertThat(same(engine, "SELECT total FROM by_k_bigint WHERE k_bigint = ? AND k_bigint = ?",
                    List.of(1L, 2L))).isEmpty();
            assertThat(same(engine, "SELECT total FROM by_k_bigint WHERE k_bigint = CAST(? AS BIGINT)",
                    List.of(2L))).containsExactly(List.of(5L));
            List<List<Object>> projected = same(engine, "SELECT total * 2 AS t2, n + ? AS m, UPPER(s) || '!' AS loud,"
                    + " d * 3 AS d3, CAST(total AS DECIMAL(12, 3)) AS exact, total / 3 AS third,"
                    + " CASE WHEN n > 1 THEN 'many' ELSE 'one' END AS how, CURRENT_TIMESTAMP IS NOT NULL AS now_set"
                    + " FROM by_k_dec WHERE k_dec = ?", Arrays.asList(5, new BigDecimal("1.5")));
            assertThat(projected).containsExactly(List.of(214L, 7L, "A!", new BigDecimal("4.50"),
                    new BigDecimal("107.000"), 35L, "many", true));
        }
    }

    @Test
    void aRowThatCannotBeComputedFailsAtTheFirstFetchAsInTheGeneralPlan() {
        try (Engine engine = setUp()) {
            PlannedStatement.Query q = plan(engine, "SELECT total / (n - n) FROM by_k_bigint WHERE k_bigint = ?");
            QueryRunner runner = new QueryRunner((RunnelEngine) engine);
            RowResult general = runner.query(q, List.of(1L), ScanStart.EARLIEST, true, null);
            RowResult direct = runner.query(q, List.of(1L), ScanStart.EARLIEST, true, PlanCache.lookupOf(q));
            assertThat(direct).isInstanceOf(ListRowResult.class);
            RunnelSqlException expected = (RunnelSqlException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> drain(general));
            assertThatThrownBy(() -> drain(direct)).isInstanceOf(RunnelSqlException.class)
                    .hasMessage(expected.getMessage())
                    .satisfies(e -> assertThat(((RunnelSqlException) e).sqlState()).isEqualTo(expected.sqlState()));
        }
    }

    @Test
    void aPreparedLookupIsPlannedOnceAndSeesItsViewDroppedAndCreatedAgain() {
        try (Engine engine = setUp(); Session s = engine.openSession()) {
            String sql = "SELECT * FROM by_k_bigint WHERE k_bigint = ?";
            RowResult first = (RowResult) s.execute(sql, List.of(1L));
            assertThat(first).isInstanceOf(ListRowResult.class);
            assertThat(drain(first)).containsExactly(List.of(1L, 2L, 107L, "a", new BigDecimal("1.50")));
            RowResult again = (RowResult) s.execute(sql, List.of(2L));
            assertThat(again).isInstanceOf(ListRowResult.class);
            assertThat(drain(again)).containsExactly(List.of(2L, 1L, 5L, "bé", new BigDecimal("2.25")));

            s.execute("DROP MATERIALIZED VIEW by_k_bigint");
            assertThatThrownBy(() -> s.execute(sql, List.of(1L))).isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("by_k_bigint");
            s.execute("CREATE MATERIALIZED VIEW by_k_bigint AS SELECT k_bigint, MIN(v) AS low FROM t GROUP BY k_bigint");
            RowResult recreated = (RowResult) s.execute(sql, List.of(1L));
            assertThat(recreated.columns()).extracting(c -> c.name()).containsExactly("k_bigint", "low");
            assertThat(drain(recreated)).containsExactly(List.of(1L, 7L));

            s.execute("DROP MATERIALIZED VIEW by_k_bigint");
            s.execute("CREATE MATERIALIZED VIEW by_k_bigint AS SELECT k_bigint, k_str, SUM(v) AS total FROM t"
                    + " GROUP BY k_bigint, k_str");
            RowResult notALookup = (RowResult) s.execute(sql, List.of(1L)); // the key is no longer k_bigint alone
            assertThat(notALookup).isInstanceOf(QueuedRowResult.class);
            assertThat(drain(notALookup)).containsExactly(List.of(1L, "a", 107L));
        }
    }

    /** Appends {@code rows} bids (auction i % 10, price i) to {@code bids} in one batch, as COPY's sink does. */
    private static void append(RunnelEngine engine, int rows) {
        RelationDef bids = engine.catalog().find("bids").orElseThrow();
        try (VectorSchemaRoot batch = Vectors.newRoot(new RowSchema(bids.columns()), engine.allocator())) {
            Vectors.allocate(batch, rows);
            BigIntVector auction = (BigIntVector) batch.getVector(0);
            BigIntVector price = (BigIntVector) batch.getVector(1);
            for (int i = 0; i < rows; i++) {
                auction.set(i, i % 10);
                price.set(i, i);
            }
            batch.setRowCount(rows);
            new LogSink(engine.log(), bids, engine.allocator(), engine.config().clock()).write(batch);
        }
    }

    @Test
    void readYourWritesWaitsForTheViewAndEventualAnswersAtOnceSayingHowFarBehind() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession();
                Session eventual = engine.openSession()) {
            s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT) WITH (partitions = 2)");
            s.execute("CREATE MATERIALIZED VIEW per_auction AS SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction");
            eventual.execute("SET consistency = 'eventual'");
            String lookup = "SELECT n FROM per_auction WHERE auction = ?";
            int rows = 500_000;
            long loaded = 0;
            boolean sawBehind = false;
            for (int round = 0; round < 10 && !sawBehind; round++) {
                append((RunnelEngine) engine, rows); // returns once appended: the view applies it afterwards
                loaded += rows;
                RowResult now = (RowResult) eventual.execute(lookup, List.of(3L)); // at once: the view may be behind
                assertThat(now).isInstanceOf(ListRowResult.class);
                List<List<Object>> found = drain(now);
                long seen = found.isEmpty() ? 0 : (Long) found.get(0).get(0);
                assertThat(seen).isBetween((loaded - rows) / 10, loaded / 10);
                if (!now.warnings().isEmpty()) {
                    sawBehind = true;
                    assertThat(now.warnings()).singleElement().asString()
                            .matches("materialized view per_auction is (\\d+ records? behind its inputs|still starting)"
                                    + " \\(consistency = eventual\\)");
                }
                RowResult fresh = (RowResult) s.execute(lookup, List.of(3L)); // read-your-writes waits for the append
                assertThat(fresh).isInstanceOf(ListRowResult.class);
                assertThat(fresh.warnings()).isEmpty();
                assertThat(drain(fresh)).containsExactly(List.of(loaded / 10));
            }
            assertThat(sawBehind).as("an eventual lookup right after a 500,000-row append saw the view behind").isTrue();
        }
    }
}
