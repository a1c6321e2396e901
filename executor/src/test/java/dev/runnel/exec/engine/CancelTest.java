package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.RunnelSqlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Cancelling a long pull query: it stops (even inside one long-working operator) and says it was cancelled. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CancelTest {
    @TempDir
    Path dir;

    @Test
    void aCancelledPullQueryStopsAndItsReaderGetsQueryCancelledNotAnEmptyResult() throws Exception {
        StringBuilder csv = new StringBuilder("a\n");
        for (int i = 0; i < 3000; i++) {
            csv.append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("t.csv"), csv);
        try (Engine engine = Engines.open(EngineConfig.memory()); Session s = engine.openSession()) {
            s.execute("CREATE STREAM t (a BIGINT) WITH (partitions = 1)");
            s.execute("COPY t FROM '" + file + "' WITH (format = 'csv', header = true)");
            List<String> progress = new CopyOnWriteArrayList<>();
            s.setProgressListener(progress::add);
            // 27 billion pairs, none passing the condition: the joins work for minutes without emitting
            RowResult r = (RowResult) s.execute("SELECT COUNT(*) FROM t x, t y, t z WHERE x.a + y.a + z.a < 0");
            long[] cancelNanos = {-1};
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    return;
                }
                long t = System.nanoTime();
                r.cancel(); // returns once the query has stopped (or after 30 s, with a warning)
                cancelNanos[0] = System.nanoTime() - t;
            });
            canceller.start();
            long started = System.nanoTime();
            RunnelSqlException e = catchThrowableOfType(() -> r.fetch(100), RunnelSqlException.class);
            assertThat(e).as("the reader learns the query was cancelled").isNotNull();
            assertThat(e.sqlState()).isEqualTo("57014");
            canceller.join(60_000);
            assertThat(canceller.isAlive()).isFalse();
            assertThat(cancelNanos[0]).as("the joins noticed the cancel: it stopped within seconds")
                    .isBetween(0L, TimeUnit.SECONDS.toNanos(10));
            assertThat(r.warnings()).noneMatch(w -> w.contains("did not stop"));
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(60));
            assertThat(progress).as("a query running over a second reports its progress")
                    .anyMatch(l -> l.startsWith("reading ") && l.contains(" of 9000 rows"));
            // the session is usable afterwards
            RowResult after = (RowResult) s.execute("SELECT COUNT(*) FROM t");
            assertThat(after.fetch(10).get(0)[0]).isEqualTo(3000L);
        }
    }
}
