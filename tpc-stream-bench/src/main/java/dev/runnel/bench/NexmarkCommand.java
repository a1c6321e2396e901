package dev.runnel.bench;

import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.load.NexmarkLoader;
import dev.runnel.bench.nexmark.query.NexmarkQuery;
import dev.runnel.bench.nexmark.report.BenchReport;
import dev.runnel.bench.nexmark.report.CheckResult;
import dev.runnel.bench.nexmark.report.DocsUpdater;
import dev.runnel.bench.nexmark.report.MachineInfo;
import dev.runnel.bench.nexmark.report.MarkdownReport;
import dev.runnel.bench.nexmark.report.Numbers;
import dev.runnel.bench.nexmark.report.QueryResult;
import dev.runnel.bench.nexmark.report.ReportFiles;
import dev.runnel.bench.nexmark.run.FlinkSide;
import dev.runnel.bench.nexmark.run.ResultCheck;
import dev.runnel.bench.nexmark.report.LatencyResult;
import dev.runnel.bench.nexmark.run.LatencyRun;
import dev.runnel.bench.nexmark.run.RunnelQueryRunner;
import dev.runnel.bench.nexmark.run.RunnelSide;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code runnel-bench nexmark}: generate and load the events once, measure each query on Runnel
 * (warm-up, then measured runs), optionally the same on Flink in a child JVM and a comparison of
 * their results, then write CSV, JSON, an SVG chart and Markdown, and update docs/benchmarks.md.
 */
@Command(name = "nexmark", mixinStandardHelpOptions = true,
        description = {"Nexmark q0-q22 on Runnel (and, with --compare flink, on Apache Flink 2.3 side by side).",
            "Events are generated once, loaded into Runnel's streams person, auction and bid, and every query "
                + "runs over the log into a sink that consumes the result batches: as a continuous query whose scans "
                + "end at the log end (--mode stream, the default; what Flink's streaming mode does with bounded "
                + "sources) or as a pull query (--mode pull)."})
public final class NexmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "10m",
            description = "Events to generate, all kinds (e.g. 1m, 10m, 500k; default ${DEFAULT-VALUE}).")
    String eventsText;

    @Option(names = "--queries", paramLabel = "LIST", defaultValue = "all",
            description = "Comma list of queries (q0,q1,... or 0,1,...; also window-tumble, filter-project) or all "
                + "(default: q0-q22 and those two).")
    String queriesText;

    @Option(names = "--compare", paramLabel = "ENGINE",
            description = "Also run the queries on this engine and compare: flink.")
    String compare;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results",
            description = "Where results.csv, results.json, nexmark.svg and nexmark.md go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Warm-up runs per query (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Measured runs per query (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "10000",
            description = "first-event.rate: events per second of event time (default ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--disorder", paramLabel = "N", defaultValue = "1",
            description = "Shuffle events within groups of N (bounded disorder; default 1 = in order).")
    long disorder;

    @Option(names = "--batch-rows", paramLabel = "N", defaultValue = "65536",
            description = "Rows per appended block when loading (default ${DEFAULT-VALUE}, COPY's).")
    int batchRows;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep Runnel's log in DIR (default: a temporary in-memory engine's log, deleted at the end).")
    Path dataDir;

    @Option(names = "--check-events", paramLabel = "N", defaultValue = "1m",
            description = "With --compare flink: compare both engines' results on this many events (default ${DEFAULT-VALUE}; 0 = no check).")
    String checkEventsText;

    @Option(names = "--docs", paramLabel = "FILE",
            description = "Markdown page to put the results table in (default: docs/benchmarks.md of this checkout).")
    Path docs;

    @Option(names = "--no-docs", description = "Do not touch the docs page.")
    boolean noDocs;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "stream",
            description = "How Runnel runs each query: stream (the continuous plan of a push query or view: changelogs, "
                + "regular joins, windows firing as the watermark advances; default) or pull (a SELECT's plan: final "
                + "rows, hash joins and aggregates that emit at the end).")
    String modeText;

    @Option(names = "--state-ttl", paramLabel = "SECONDS", defaultValue = "86400",
            description = "With --mode stream: state.ttl for regular joins of two streams (q3, q20), which run "
                + "continuously only with one; nothing expires within a run at the default (${DEFAULT-VALUE} s).")
    long stateTtlSeconds;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "5",
            description = "With --mode stream: after the throughput runs, measure each query's processing latency "
                + "while events arrive for S seconds (default ${DEFAULT-VALUE}; 0 = not measured).")
    double latencySeconds;

    @Option(names = "--latency-rate", paramLabel = "EVENTS_PER_S", defaultValue = "100k",
            description = "Events per second of wall time appended during the latency runs (default ${DEFAULT-VALUE}).")
    String latencyRateText;

    @Option(names = "--flink-java-opts", paramLabel = "OPTS", defaultValue = "",
            description = "Extra JVM options for Flink's process (it gets this JVM's -Xmx/-Xms/-XX:+Use... too).")
    String flinkJavaOpts;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        long events = Numbers.parseCount(eventsText);
        long checkEvents = Numbers.parseCount(checkEventsText);
        List<String> queries = NexmarkQuery.parseList(queriesText);
        boolean flink = compare != null;
        if (flink && !compare.equalsIgnoreCase("flink")) {
            throw new IllegalArgumentException("--compare knows only flink, not " + compare);
        }
        if (events <= 0 || warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need --events > 0, --warmup >= 0, --runs >= 1");
        }
        RunnelQueryRunner.Mode mode = RunnelQueryRunner.Mode.valueOf(modeText.toUpperCase(java.util.Locale.ROOT));
        long ttl = stateTtlSeconds * 1000;
        FlinkSide flinkSide = flink ? FlinkSide.locate() : null;
        GeneratorConfig gen = GeneratorConfig.defaults().withSeed(seed).withFirstEventRate(rate)
                .withOutOfOrderGroupSize(disorder);
        String date = Instant.now().toString();
        MachineInfo machine = MachineInfo.detect();
        Files.createDirectories(out);
        Path sideInput = writeSideInput(out.resolve("side_input.csv"));
        Map<String, String> vars = Map.of("side_input_csv", sideInput.toAbsolutePath().toString());
        log.printf("nexmark: %s events, queries %s, %d warm-up + %d runs each%s%n", Numbers.count(events),
                String.join(",", queries), warmup, runs, flink ? ", compared with Flink" : "");
        log.println("machine: " + machine.describe());

        List<QueryResult> results = new ArrayList<>();
        List<CheckResult> checks = new ArrayList<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        long loadNanos;
        boolean check = flink && checkEvents > 0;
        Path checkDir = out.resolve("check");
        List<String> checkable = new ArrayList<>();
        Map<String, Long> runnelRows = new LinkedHashMap<>();
        try (RunnelSide runnel = RunnelSide.open(dataDir, mode, ttl)) {
            NexmarkLoader.Result load = runnel.load(gen, events, batchRows);
            loadNanos = load.nanos();
            load.rows().forEach((k, v) -> byKind.put(k.stream(), v));
            log.printf("runnel: generated and loaded %s events in %.1f s (%s events/s): %s%n", Numbers.count(events),
                    load.nanos() / 1e9, Numbers.rate(load.eventsPerSecond()), byKind);
            for (String q : queries) {
                QueryResult r = runnel.measure(q, vars, warmup, runs, log::println);
                if (!r.ok()) {
                    log.printf("runnel %s: %s: %s%n", q, r.status(), r.error());
                }
                results.add(r);
                if (check && r.ok() && !NexmarkQuery.NOT_DETERMINISTIC.contains(q)) {
                    checkable.add(q);
                } else if (check && r.ok() && NexmarkQuery.CHECKED_BY.containsKey(q)) {
                    checkable.add(NexmarkQuery.CHECKED_BY.get(q)); // what of its result can be compared
                }
            }
            if (check && !checkable.isEmpty()) {
                RunnelSide checkSide = checkEvents == events ? runnel : RunnelSide.open(null, mode, ttl);
                try {
                    if (checkSide != runnel) {
                        checkSide.load(gen, checkEvents, batchRows);
                    }
                    for (String q : checkable) {
                        long n = checkSide.writeRows(q, vars, checkDir.resolve("runnel").resolve(q + ".rows"));
                        runnelRows.put(q, n);
                        log.printf("runnel %s: %,d result rows on %s events written for the check%n", q, n,
                                Numbers.count(checkEvents));
                    }
                } finally {
                    if (checkSide != runnel) {
                        checkSide.close();
                    }
                }
            }
        }
        List<LatencyResult> latencies = new ArrayList<>();
        if (mode == RunnelQueryRunner.Mode.STREAM && latencySeconds > 0) {
            long latencyRate = Numbers.parseCount(latencyRateText);
            for (String q : queries) {
                boolean ran = results.stream().anyMatch(r -> r.engine().equals(RunnelSide.ENGINE) && r.query().equals(q)
                        && r.ok());
                if (!ran) {
                    continue;
                }
                LatencyResult l;
                try {
                    l = LatencyRun.run(NexmarkQuery.runnel(q, vars), gen, latencyRate, latencySeconds, ttl);
                    log.printf(java.util.Locale.ROOT, "runnel %s latency at %s events/s: p50 %.2f ms, p99 %.2f ms, "
                            + "max %.2f ms over %,d blocks%s%n", q, Numbers.rate(latencyRate), l.p50Micros() / 1e3,
                            l.p99Micros() / 1e3, l.maxMicros() / 1e3, l.blocks(), l.drained() ? "" : " (fell behind)");
                } catch (RuntimeException e) {
                    l = LatencyResult.failed(q, latencyRate, e.toString());
                    log.printf("runnel %s latency: %s%n", q, e);
                }
                latencies.add(l);
            }
        }
        String flinkSetup = null;
        if (flink) {
            List<String> jvm = new ArrayList<>(FlinkSide.inheritedJvmOptions());
            for (String o : flinkJavaOpts.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    jvm.add(o);
                }
            }
            FlinkSide.Outcome o = flinkSide.run(new FlinkSide.Request(gen, events, queries, warmup, runs, checkable,
                    checkEvents, checkDir.resolve("flink").toAbsolutePath(), sideInput.toAbsolutePath(), jvm),
                    out.resolve("flink.log"), log::println);
            if (o.exitCode() != 0) {
                log.printf("flink: the child process exited with %d; see %s%n", o.exitCode(), out.resolve("flink.log"));
            }
            for (String q : queries) {
                QueryResult fr = o.results().stream().filter(x -> x.query().equals(q)).findFirst()
                        .orElse(QueryResult.failed(FlinkSide.ENGINE, q, QueryResult.ERROR,
                                "no result from the Flink process (exit code " + o.exitCode() + ")", events));
                results.add(fr);
            }
            for (String q : checkable) {
                if (o.checkErrors().containsKey(q) || !o.checkedRows().containsKey(q)) {
                    checks.add(CheckResult.skipped(q, checkEvents, "Flink did not produce a result: "
                            + o.checkErrors().getOrDefault(q, "no result")));
                    continue;
                }
                CheckResult c = ResultCheck.compare(q, checkEvents, checkDir.resolve("runnel").resolve(q + ".rows"),
                        checkDir.resolve("flink").resolve(q + ".rows"), CHECK_NOTES.getOrDefault(q, ""));
                String of = NexmarkQuery.CHECKED_BY.entrySet().stream().filter(e -> e.getValue().equals(q))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (of != null) { // the check of a processing-time query: its totals, under its name
                    c = new CheckResult(of, c.status().equals(CheckResult.AGREE) ? CheckResult.AGREE_ON_TOTALS
                            : c.status(), c.events(), c.runnelRows(), c.flinkRows(), c.onlyRunnel(), c.onlyFlink(),
                            "processing time: compared each bidder's total bid count over Runnel's windows with Flink's"
                                    + " count of each bidder's bids (" + q + "), not the windows",
                            c.examples());
                }
                checks.add(c);
                log.printf("check %s: %s (Runnel %,d rows, Flink %,d rows)%n", q, c.status(), c.runnelRows(),
                        c.flinkRows());
            }
            flinkSetup = "Apache Flink 2.3.0 in a child JVM, MiniCluster with parallelism 1, streaming mode, "
                    + "heap state, no checkpoints, object reuse on, NX's mini-batch and split-distinct options; "
                    + "sources are the same generator in the Flink JVM (one DataGeneratorSource per event kind, "
                    + "watermark date_time - 4 s), the sink a blackhole table; JVM options " + jvm;
        }
        Map<String, Object> genInfo = new LinkedHashMap<>();
        genInfo.put("seed", seed);
        genInfo.put("first_event_rate", rate);
        genInfo.put("out_of_order_group_size", disorder);
        genInfo.put("base_time", Instant.ofEpochMilli(gen.baseTimeMillis()).toString());
        String runnelPath = "one engine (" + (dataDir == null ? "in-memory: log in a temporary directory, fsync none"
                : "log in " + dataDir) + "), streams of 1 partition in the columnar format loaded through LogSink in "
                + "blocks of " + batchRows + " rows; each run parses and plans the SELECT, builds a Pipeline "
                + (mode == RunnelQueryRunner.Mode.STREAM
                        ? "(PlanBuilder, the continuous plan a push query or view runs: changelogs, regular joins with "
                            + "state.ttl " + stateTtlSeconds + " s, windows firing as the watermark advances; its log "
                            + "scans taking turns and ending at the log end)"
                        : "(PlanBuilder, a pull query's plan over bounded log scans)")
                + " and runs it on one thread into a sink that counts the rows of "
                + "each Arrow batch (no per-row Java values); the check applies a changelog result; Arrow's "
                + "bounds checks " + ("true".equals(System.getProperty("arrow.enable_unsafe_memory_access"))
                        ? "off (-Darrow.enable_unsafe_memory_access=true, as bin/runnel runs)" : "on");
        BenchReport report = new BenchReport(date, machine, commandLine(), events, byKind, genInfo, loadNanos, warmup,
                runs, System.getProperty("runnel.bench.commit"), runnelPath, flinkSetup, queries, results, checks,
                latencies);
        ReportFiles.writeAll(report, out);
        log.println("wrote " + out.resolve("results.csv") + ", results.json, nexmark.svg, nexmark.md");
        if (!noDocs) {
            Path page = docs != null ? docs : defaultDocs();
            if (page != null) {
                Files.copy(out.resolve("nexmark.svg"), page.resolveSibling("nexmark.svg"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                DocsUpdater.update(page, MarkdownReport.render(report, "nexmark.svg"));
                log.println("updated " + page + " (and " + page.resolveSibling("nexmark.svg") + ")");
            }
        }
        log.println();
        log.print(MarkdownReport.render(report, null));
        log.flush();
        return 0;
    }

    /** Why a query's results may differ between the engines without either being wrong. */
    static final Map<String, String> CHECK_NOTES = Map.of(
            "q9", "ties: bids of one auction with the same price and date_time may pick different winners",
            "q18", "ties: two bids of one bidder on one auction in the same millisecond may pick different rows",
            "q19", "ties: equal prices at the 10th place may keep different bids");

    /** The side input of q13: 10,000 lines "i,i", as the reference's SideInputGenerator writes it. */
    static Path writeSideInput(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 10_000; i++) {
                w.write(i + "," + i + "\n");
            }
        }
        return file;
    }

    private static Path defaultDocs() {
        String root = System.getProperty("runnel.bench.root");
        if (root == null) {
            return null;
        }
        Path p = Path.of(root, "docs", "benchmarks.md");
        return Files.exists(p) ? p : null;
    }

    private String commandLine() {
        String args = System.getProperty("runnel.bench.args");
        return args != null ? "bin/runnel-bench " + args : "runnel-bench nexmark " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs());
    }

}
