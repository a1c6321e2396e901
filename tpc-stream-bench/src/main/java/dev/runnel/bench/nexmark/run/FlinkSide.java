package dev.runnel.bench.nexmark.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.report.QueryResult;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Flink's side of the benchmark, run as a child JVM ({@code dev.runnel.bench.flink.FlinkNexmark} of
 * the module {@code tpc-stream-bench/flink}, built with the Maven profile {@code flink}, its jars in
 * {@code tpc-stream-bench/flink/target/lib}): the same queries on Apache Flink 2.3 on a MiniCluster with parallelism
 * 1, on the same events (the same generator and seed, as in-JVM sources). The child prints one
 * {@code RESULT <json>} line per query, {@code CHECK <json>} per checked query and {@code LOG <text>}
 * for progress on stdout; Flink's own log (stderr) goes to a file.
 *
 * <p>A separate process keeps Flink's heap, threads, JIT and classpath away from the Runnel
 * measurement, and lets each process's CPU time be read for its engine alone.
 */
public final class FlinkSide {
    public static final String ENGINE = "flink";
    public static final String MAIN = "dev.runnel.bench.flink.FlinkNexmark";
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final List<String> OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** What the child reported. */
    public record Outcome(List<QueryResult> results, Map<String, Long> checkedRows, Map<String, String> checkErrors,
            int exitCode) {}

    /** What to run. */
    public record Request(GeneratorConfig generator, long events, List<String> queries, int warmup, int runs,
            List<String> check, long checkEvents, Path checkDir, Path sideInput, List<String> jvmOptions) {}

    private final Path harness;
    private final Path flinkJar;
    private final Path flinkLib;

    private FlinkSide(Path harness, Path flinkJar, Path flinkLib) {
        this.harness = harness;
        this.flinkJar = flinkJar;
        this.flinkLib = flinkLib;
    }

    /**
     * The Flink side built next to this module ({@code tpc-stream-bench/flink/target}), or an exception
     * saying how to build it.
     */
    public static FlinkSide locate() {
        Path harness;
        try {
            harness = Path.of(FlinkSide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path target = harness.getParent().getParent().resolve("flink").resolve("target");
        Path jar = target.resolve("runnel-tpc-stream-bench-flink-0.1.0-SNAPSHOT.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException("the Flink side is not built (no " + jar + " or " + lib + "); build it "
                    + "with: mvn -B -Pflink -DskipTests package -pl tpc-stream-bench/flink -am");
        }
        return new FlinkSide(harness, jar, lib);
    }

    /** The options of this JVM worth giving the child too (heap size, collector), so both engines run alike. */
    public static List<String> inheritedJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:+Use") || a.startsWith("-XX:-Use")
                    || a.startsWith("-XX:MaxRAMPercentage") || a.startsWith("-XX:ActiveProcessorCount")) {
                out.add(a);
            }
        }
        return out;
    }

    public Outcome run(Request r, Path log, Consumer<String> progress) throws IOException, InterruptedException {
        String cp = harness + File.pathSeparator + flinkJar + File.pathSeparator + flinkLib + File.separator + "*";
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(r.jvmOptions());
        cmd.addAll(OPENS);
        cmd.addAll(List.of("-cp", cp, MAIN));
        GeneratorConfig g = r.generator();
        cmd.addAll(List.of("--events", Long.toString(r.events()), "--seed", Long.toString(g.seed()),
                "--rate", Long.toString(g.firstEventRate()), "--disorder", Long.toString(g.outOfOrderGroupSize()),
                "--base-time", Long.toString(g.baseTimeMillis()), "--queries", String.join(",", r.queries()),
                "--warmup", Integer.toString(r.warmup()), "--runs", Integer.toString(r.runs()),
                "--side-input", r.sideInput().toString()));
        if (!r.check().isEmpty()) {
            cmd.addAll(List.of("--check", String.join(",", r.check()), "--check-events",
                    Long.toString(r.checkEvents()), "--check-dir", r.checkDir().toString()));
        }
        progress.accept("flink: starting " + String.join(" ", cmd.subList(0, 1)) + " ... " + MAIN + " (log: " + log + ")");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        Process p = pb.start();
        p.getOutputStream().close();
        List<QueryResult> results = new ArrayList<>();
        Map<String, Long> checked = new LinkedHashMap<>();
        Map<String, String> checkErrors = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    results.add(JSON.readValue(line.substring(7), QueryResult.class));
                } else if (line.startsWith("CHECK ")) {
                    JsonNode n = JSON.readTree(line.substring(6));
                    String q = n.get("query").asText();
                    if (n.hasNonNull("error")) {
                        checkErrors.put(q, n.get("error").asText());
                    } else {
                        checked.put(q, n.get("rows").asLong());
                    }
                } else if (line.startsWith("LOG ")) {
                    progress.accept(line.substring(4));
                } else {
                    progress.accept("flink: " + line);
                }
            }
        }
        int code = p.waitFor();
        return new Outcome(results, checked, checkErrors, code);
    }

}
