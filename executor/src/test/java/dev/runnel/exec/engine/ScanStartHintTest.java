package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.sql.RunnelSqlException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code FROM t /*+ OPTIONS('start' = ...) *}{@code /}: where one scan of a push query starts, over {@code scan.start}. */
class ScanStartHintTest {
    private static List<Object> firstColumn(RowResult r) {
        List<Object> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(100); !chunk.isEmpty(); chunk = r.fetch(100)) {
            chunk.forEach(row -> out.add(row[0]));
        }
        return out;
    }

    @Test
    void aHintOverridesTheSessionStartForItsScanOnly() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM b (n BIGINT) WITH (partitions = 1)");
            s.execute("INSERT INTO b VALUES (0), (1), (2), (3), (4)");
            s.execute("SET 'scan.start' = 'latest'");
            RowResult hinted = (RowResult) s.execute(
                    "SELECT STREAM n FROM b /*+ OPTIONS('start' = 'offsets:0=3') */ LIMIT 2");
            assertThat(firstColumn(hinted)).containsExactly(3L, 4L);
            RowResult earliest = (RowResult) s.execute(
                    "SELECT STREAM n FROM b /*+ OPTIONS('START' = 'earliest') */ LIMIT 3");
            assertThat(firstColumn(earliest)).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void anUnknownKeyOrBadValueIsAClearError() {
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM b (n BIGINT)");
            assertThatThrownBy(() -> s.execute("SELECT n FROM b /*+ OPTIONS('strat' = 'latest') */"))
                    .isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("unknown option 'strat' in the OPTIONS hint on b (did you mean 'start'?)");
            assertThatThrownBy(() -> s.execute("SELECT n FROM b /*+ OPTIONS('start' = 'yesterday') */"))
                    .isInstanceOf(RunnelSqlException.class)
                    .hasMessageContaining("invalid value 'yesterday' for start");
        }
    }
}
