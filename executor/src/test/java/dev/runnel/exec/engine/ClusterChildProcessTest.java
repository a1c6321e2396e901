package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.kafka.testing.KafkaBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes of one cluster, one of them a child JVM ({@link ClusterChildMain}): the child's
 * DDL reaches this process and this one's the child; the child runs the job it created; SIGKILLed,
 * it leaves the job to this process once Kafka's session timeout has passed, and the job goes on
 * from its committed offsets.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterChildProcessTest {
    @TempDir
    Path dir;

    /** The child process, spoken to a statement per line. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final PrintStream in;

        Child(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        List<String> run(String sql) throws Exception {
            in.println(sql);
            List<String> lines = new ArrayList<>();
            for (String l = out.readLine(); l != null && !l.equals("done"); l = out.readLine()) {
                lines.add(l);
            }
            return lines;
        }

        @Override
        public void close() throws Exception {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledProcessLeavesItsJobToTheSurvivorAndTheCatalogIsSharedBothWays() throws Exception {
        String ns = KafkaBroker.uniqueNamespace("child");
        String cluster = ns.substring(0, ns.length() - 1);
        String bootstrap = KafkaBroker.get().bootstrap();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                ClusterChildMain.class.getName(), bootstrap, cluster, dir.resolve("child").toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (Child child = new Child(p)) {
            assertThat(child.out.readLine()).isEqualTo("ready");
            assertThat(child.run("CREATE STREAM src (v BIGINT)")).containsExactly("ok: created stream src");
            child.run("CREATE STREAM dst (v BIGINT)");
            child.run("SET checkpoint.interval = '200ms'");
            assertThat(child.run("CREATE JOB copy AS INSERT INTO dst SELECT v FROM src").get(0)).startsWith("ok: started");
            child.run("INSERT INTO src VALUES (1), (2)");
            EngineConfig config = EngineConfig.kafka(KafkaBackend.at(bootstrap), dir.resolve("here")).withCluster(cluster);
            try (Engine here = Engines.open(config)) {
                ClusterCatalogTest.eventually(() -> count(here) == 2, "the child's job copied 2 rows");
                assertThat(((RunnelEngine) here).jobs().runningHere()).isEmpty();
                ClusterCatalogTest.eventually(() -> cluster(here).size() == 2, "SHOW CLUSTER lists both processes");
                assertThat(cluster(here)).anySatisfy(r -> {
                    assertThat(r[3]).isEqualTo(p.pid());
                    assertThat(r[6]).isEqualTo(false);
                    assertThat(r[7]).isEqualTo("copy");
                });
                try (Session s = here.openSession()) {
                    s.execute("CREATE TABLE seen (id BIGINT PRIMARY KEY)");
                }
                ClusterCatalogTest.eventually(() -> {
                    try {
                        return child.run("SELECT COUNT(*) FROM seen").equals(List.of("row: 0"));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }, "the child sees the table created here");
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no goodbye to Kafka
                try (Session s = here.openSession()) {
                    s.execute("INSERT INTO src VALUES (3)");
                }
                ClusterCatalogTest.eventually(() -> ((RunnelEngine) here).jobs().runningHere().contains("copy"),
                        "this process took the job over after the session timeout");
                ClusterCatalogTest.eventually(() -> count(here) >= 3, "the job copies on");
                try (Session s = here.openSession()) {
                    assertThat(JobTest.rows(s, "SELECT DISTINCT v FROM dst ORDER BY v")).extracting(r -> r[0])
                            .containsExactly(1L, 2L, 3L);
                }
                ClusterCatalogTest.eventually(() -> cluster(here).size() == 1, "the dead process left SHOW CLUSTER");
            }
        }
    }

    private static long count(Engine e) {
        try (Session s = e.openSession()) {
            return (Long) JobTest.rows(s, "SELECT COUNT(*) FROM dst").get(0)[0];
        }
    }

    private static List<Object[]> cluster(Engine e) {
        try (Session s = e.openSession()) {
            return JobTest.rows(s, "SHOW CLUSTER");
        }
    }
}
