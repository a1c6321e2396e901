package dev.runnel.exec.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link ViewCrashChild}) maintains three materialized views — a TUMBLE window
 * aggregate, an updating GROUP BY and a view on that view — and two {@code INSERT INTO ... SELECT}
 * jobs (a window aggregate into a columnar stream, a filter into a keyed json stream of three
 * partitions, both committing every 200 ms) while it keeps appending input; it is killed with
 * SIGKILL at random moments, 20 times, and started again each time on the same data directory.
 * After the input is complete, each view must equal what its query gives over the whole input (the
 * crash-free answer), and each job's output stream must hold exactly the rows of its query: no row
 * lost, none counted or written twice.
 */
class ViewCrashTest {
    private static final int ROUNDS = 20;
    private static final long TOTAL = 6_000;
    /** 2027-01-01 00:00:00 UTC: the sentinel row's time, alone in its window. */
    private static final long SENTINEL_MILLIS = 1_798_761_600_000L;

    @TempDir
    Path dir;

    @Test
    void viewsEqualACrashFreeRunAfterRepeatedSigkills() throws Exception {
        Random random = new Random(7);
        long appended = 0;
        for (int round = 0; round < ROUNDS; round++) {
            AtomicBoolean ready = new AtomicBoolean();
            AtomicLong progress = new AtomicLong();
            Process child = start(false);
            Thread reader = follow(child, ready, progress);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!ready.get()) {
                if (!child.isAlive()) {
                    throw new AssertionError("the child exited with " + child.exitValue() + ": " + stderr());
                }
                assertThat(System.nanoTime()).as("child ready within 120 s").isLessThan(deadline);
                Thread.sleep(5);
            }
            Thread.sleep(50 + random.nextInt(400));
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            appended = Math.max(appended, progress.get());
        }
        assertThat(appended).as("the rounds appended something").isGreaterThan(0);

        Process finish = start(true);
        Thread reader = follow(finish, new AtomicBoolean(), new AtomicLong());
        assertThat(finish.waitFor(300, TimeUnit.SECONDS)).as("the last run finishes").isTrue();
        reader.join(10_000);
        assertThat(finish.exitValue()).as(stderr()).isZero();

        try (Engine engine = Engines.open(EngineConfig.file(dir.resolve("data"))); Session s = engine.openSession()) {
            assertThat(ViewCrashChild.count(s)).isEqualTo(TOTAL);
            // a row far in the future closes every window of the input in the views' eyes too
            s.execute("INSERT INTO bids VALUES (999, 0, TIMESTAMP '2027-01-01 00:00:00')");
            List<String> window = rows(s, ViewCrashChild.WINDOW_QUERY);
            window.removeIf(r -> r.startsWith("[" + SENTINEL_MILLIS + ","));
            assertThat(rows(s, "SELECT * FROM w")).as("the window view").isEqualTo(window);
            assertThat(rows(s, "SELECT * FROM g")).as("the GROUP BY view").isEqualTo(rows(s, ViewCrashChild.GROUP_QUERY));
            assertThat(rows(s, "SELECT * FROM vv")).as("the view on the view")
                    .isEqualTo(rows(s, ViewCrashChild.NESTED_DIRECT));
            assertThat(window).hasSizeGreaterThan(100);

            // the jobs: every row of their query once (the window job's last windows close with the sentinel)
            List<String> filtered = rows(s, ViewCrashChild.FILTER_QUERY);
            awaitRows(s, "SELECT * FROM wout", window.size());
            awaitRows(s, "SELECT * FROM fout", filtered.size());
            assertThat(rows(s, "SELECT * FROM wout")).as("the window job's output").isEqualTo(window);
            assertThat(rows(s, "SELECT * FROM fout")).as("the filter job's output").isEqualTo(filtered);
        }
    }

    private Process start(boolean exit) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ViewCrashChild.class.getName(), dir.resolve("data").toString(), Long.toString(TOTAL)));
        if (exit) {
            cmd.add("exit");
        }
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("child.err").toFile()))
                .start();
    }

    private String stderr() {
        try {
            String all = Files.readString(dir.resolve("child.err"));
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    private static Thread follow(Process child, AtomicBoolean ready, AtomicLong progress) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.set(true);
                    } else if (line.startsWith("APPENDED ")) {
                        try {
                            progress.set(Long.parseLong(line.substring(9).trim()));
                        } catch (NumberFormatException e) {
                            // a line cut by the kill
                        }
                    }
                }
            } catch (IOException e) {
                // killed
            }
        }, "view-crash-follower");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits (up to 60 s) until {@code sql} gives at least {@code n} rows: the jobs commit as they checkpoint. */
    private static void awaitRows(Session s, String sql, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (rows(s, sql).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static List<String> rows(Session s, String sql) {
        RowResult r = (RowResult) s.execute(sql);
        List<String> out = new ArrayList<>();
        for (List<Object[]> chunk = r.fetch(1000); !chunk.isEmpty(); chunk = r.fetch(1000)) {
            for (Object[] row : chunk) {
                out.add(java.util.Arrays.toString(row));
            }
        }
        Collections.sort(out);
        return out;
    }
}
