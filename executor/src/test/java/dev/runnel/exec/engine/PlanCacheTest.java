package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.RunnelSqlException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session plans a repeated query once, and plans it again after any DDL or SET. */
class PlanCacheTest {
    private static final String LOOKUP = "SELECT * FROM v WHERE auction = ?";

    private static List<List<Object>> rows(Session s, String sql, Object... params) {
        RowResult r = (RowResult) s.execute(sql, List.of(params));
        List<List<Object>> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            chunk.forEach(row -> out.add(Arrays.asList(row)));
        }
        return out;
    }

    @Test
    void aCachedLookupBindsNewParametersEachTimeAndSeesTheViewRecreatedWithOtherColumns() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT) WITH (partitions = 2)");
            s.execute("INSERT INTO bids VALUES (1, 10), (1, 20), (2, 5)");
            s.execute("CREATE MATERIALIZED VIEW v AS SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction");
            assertThat(rows(s, LOOKUP, 1L)).containsExactly(List.of(1L, 2L));
            assertThat(rows(s, LOOKUP, 2L)).containsExactly(List.of(2L, 1L));

            s.execute("DROP MATERIALIZED VIEW v");
            assertThatThrownBy(() -> rows(s, LOOKUP, 1L)).isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("v");
            s.execute("CREATE MATERIALIZED VIEW v AS SELECT auction, SUM(price) AS total, MAX(price) AS top"
                    + " FROM bids GROUP BY auction");
            RowResult r = (RowResult) s.execute(LOOKUP, List.of(1L));
            assertThat(r.columns()).extracting(c -> c.name()).containsExactly("auction", "total", "top");
            r.close();
            assertThat(rows(s, LOOKUP, 1L)).containsExactly(List.of(1L, 30L, 20L));
        }
    }

    @Test
    void aDdlThatDoesNotTouchTheQueryStillMakesItPlanAgainAndTheCatalogVersionGrows() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM bids (auction BIGINT, price BIGINT)");
            long before = ((RunnelEngine) engine).catalog().version();
            s.execute("CREATE STREAM other (x BIGINT)");
            assertThat(((RunnelEngine) engine).catalog().version()).isGreaterThan(before);
            s.execute("INSERT INTO bids VALUES (1, 10)");
            assertThat(rows(s, "SELECT price FROM bids WHERE auction = ?", 1L)).containsExactly(List.of(10L));
            s.execute("DROP STREAM bids");
            s.execute("CREATE STREAM bids (auction BIGINT, price VARCHAR)");
            s.execute("INSERT INTO bids VALUES (1, 'ten')");
            assertThat(rows(s, "SELECT price FROM bids WHERE auction = ?", 1L)).containsExactly(List.of("ten"));
        }
    }
}
