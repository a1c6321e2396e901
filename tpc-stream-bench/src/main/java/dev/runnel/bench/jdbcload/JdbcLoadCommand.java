package dev.runnel.bench.jdbcload;

import dev.runnel.bench.nexmark.report.MachineInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runnel-bench jdbc-load}: a Runnel server in a child JVM on an ephemeral port of
 * 127.0.0.1, a stream of bids with a materialized view {@code COUNT(*), SUM(price) GROUP BY auction}
 * over it, bids streaming in through INSERTs, remote JDBC clients doing point lookups on the view
 * and others holding subscriptions to it, for a fixed time. Counts errors, checks every answer and
 * at the end that the view holds exactly the acknowledged bids and that every subscriber's copy
 * equals it, and reports lookup latencies (HdrHistogram). Exit code 0 only when nothing failed.
 */
@Command(name = "jdbc-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remote JDBC load on a materialized view: point lookups and subscriptions while bids stream in.",
            "Starts its own server (bin/runnel server's main class) on 127.0.0.1 with a temporary data directory."})
public final class JdbcLoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clients", defaultValue = "50", description = "Lookup clients, each its own connection (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--push", defaultValue = "10", description = "Subscribers holding SELECT STREAM * FROM the view (default ${DEFAULT-VALUE}).")
    int push;

    @Option(names = "--seconds", defaultValue = "60", description = "Measured time (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10",
            description = "Load before measuring, not recorded (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", paramLabel = "ROWS_PER_S", defaultValue = "10000", description = "Bids inserted per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--batch", paramLabel = "ROWS", defaultValue = "1000", description = "Rows per statement (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--ingest", defaultValue = "copy",
            description = "How bids go in: copy (COPY of a CSV file this process writes) or insert (multi-row INSERT ... VALUES) "
                    + "(default ${DEFAULT-VALUE}).")
    String ingest;

    @Option(names = "--lookup-rate", paramLabel = "PER_S", defaultValue = "20",
            description = "Lookups per second per client (default ${DEFAULT-VALUE}).")
    double lookupRate;

    @Option(names = "--auctions", defaultValue = "1000", description = "Distinct auctions (view rows) (default ${DEFAULT-VALUE}).")
    int auctions;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the bids stream (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--consistency", defaultValue = "read-your-writes",
            description = "The lookup sessions' consistency: read-your-writes or eventual (default ${DEFAULT-VALUE}).")
    String consistency;

    @Option(names = "--server-jvm", paramLabel = "OPTIONS", defaultValue = "-Xmx2g",
            description = "JVM options of the server, space-separated (default ${DEFAULT-VALUE}).")
    String serverJvm;

    @Option(names = "--server-jfr", paramLabel = "FILE", description = "Record the server with Java Flight Recorder (profile settings) into FILE.")
    Path serverJfr;

    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long subscribers may take to catch up with the view after the load (default ${DEFAULT-VALUE}).")
    int settle;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bench-results", description = "Where jdbc-load.md goes (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter con = spec.commandLine().getOut();
        if (!ingest.equals("copy") && !ingest.equals("insert")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--ingest: copy or insert");
        }
        if (!consistency.equals("read-your-writes") && !consistency.equals("eventual")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--consistency: read-your-writes or eventual");
        }
        MachineInfo machine = MachineInfo.detect();
        LocalDateTime startedAt = LocalDateTime.now();
        Path work = Files.createTempDirectory("runnel-jdbc-load-");
        List<String> jvm = new ArrayList<>(List.of(serverJvm.trim().split("\\s+")));
        jvm.removeIf(String::isEmpty);
        if (serverJfr != null) {
            Path parent = serverJfr.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + serverJfr.toAbsolutePath());
        }
        con.println("jdbc-load: " + clients + " lookup clients (" + lookupRate + "/s each, " + consistency + "), " + push
                + " subscribers, " + rate + " bids/s in " + statementName() + ", " + auctions + " auctions; "
                + warmup + " s warm-up + " + seconds + " s measured");
        LoadResult result;
        try (ServerProcess server = ServerProcess.start(work.resolve("data"), jvm, con)) {
            result = run(server, work, con);
            result.serverExit = server.stop();
            con.println("server: stopped (exit code " + result.serverExit + ")");
        } finally {
            deleteTree(work);
        }
        result.machine = machine;
        result.startedAt = startedAt;
        String report = LoadReport.markdown(this, result);
        con.println();
        con.println(report);
        Files.createDirectories(out);
        Path file = out.resolve("jdbc-load.md");
        Files.writeString(file, report);
        con.println("written: " + file);
        return result.passed() ? 0 : 1;
    }

    String statementName() {
        return (ingest.equals("copy") ? "COPYs" : "INSERTs") + " of " + batch + " rows";
    }

    private LoadResult run(ServerProcess server, Path work, PrintWriter con) throws Exception {
        String url = server.url();
        AuctionBook book = new AuctionBook(auctions);
        Failures failures = new Failures();
        LoadResult r = new LoadResult();
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3)) "
                    + "WITH (partitions = " + partitions + ", key = 'auction')");
            s.execute("CREATE MATERIALIZED VIEW auction_stats AS "
                    + "SELECT auction, COUNT(*) AS bids, SUM(price) AS total FROM bids GROUP BY auction");

            List<PushClient> subscribers = new ArrayList<>();
            List<Thread> pushThreads = new ArrayList<>();
            for (int i = 0; i < push; i++) {
                PushClient p = new PushClient(i, url, failures);
                subscribers.add(p);
                pushThreads.add(start("jdbc-load-push-" + i, p));
            }
            Ingester ingester = new Ingester(url, ingest.equals("copy") ? work.resolve("bids.csv") : null, book, failures,
                    rate, batch, seed);
            Thread ingestThread = start("jdbc-load-ingest", ingester);
            List<LookupClient> lookups = new ArrayList<>();
            List<Thread> lookupThreads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                LookupClient l = new LookupClient(i, url, book, failures, lookupRate,
                        consistency.equals("read-your-writes"), seed * 31 + i + 1);
                lookups.add(l);
                lookupThreads.add(start("jdbc-load-lookup-" + i, l));
            }

            TimeUnit.SECONDS.sleep(warmup);
            ingester.record();
            lookups.forEach(LookupClient::record);
            long rows0 = ingester.rows();
            long lookups0 = lookups.stream().mapToLong(LookupClient::lookups).sum();
            long changes0 = subscribers.stream().mapToLong(PushClient::changes).sum();
            Duration cpu0 = server.cpu();
            Duration clientCpu0 = ProcessHandle.current().info().totalCpuDuration().orElse(null);
            long t0 = System.nanoTime();
            for (int done = 0; done < seconds; ) {
                int step = Math.min(10, seconds - done);
                TimeUnit.SECONDS.sleep(step);
                done += step;
                con.printf("  %3d s: %,d bids, %,d lookups, %,d changes to subscribers, %d errors, %d violations%n", done,
                        ingester.rows() - rows0, lookups.stream().mapToLong(LookupClient::lookups).sum() - lookups0,
                        subscribers.stream().mapToLong(PushClient::changes).sum() - changes0, failures.errors(),
                        failures.violations());
                if (!server.alive()) {
                    failures.violation("server ended during the run", "server", "the server process ended during the run; see " + server.log());
                    break;
                }
            }
            lookups.forEach(LookupClient::stop);
            ingester.stop();
            r.elapsedNanos = System.nanoTime() - t0;
            r.loadAverageAtEnd = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Duration cpu1 = server.cpu();
            Duration clientCpu1 = ProcessHandle.current().info().totalCpuDuration().orElse(null);
            r.clientCpu = clientCpu0 == null || clientCpu1 == null ? null : clientCpu1.minus(clientCpu0);
            r.serverCpu = cpu0 == null || cpu1 == null ? null : cpu1.minus(cpu0);
            r.bids = ingester.rows() - rows0;
            r.changes = subscribers.stream().mapToLong(PushClient::changes).sum() - changes0;
            join(lookupThreads);
            join(List.of(ingestThread));
            for (LookupClient l : lookups) {
                r.roundTrip.add(l.roundTrip());
                r.fromSchedule.add(l.fromSchedule());
                r.lookupsFound += l.found();
                r.lookupsTotal += l.lookups();
            }
            r.lookups = r.roundTrip.getTotalCount();
            r.insert.add(ingester.insertMicros());
            r.totalBids = book.totalAcked();

            // The view (read-your-writes: it has applied every acknowledged bid) must be the book.
            Map<Long, long[]> view = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT auction, bids, total FROM auction_stats")) {
                while (rs.next()) {
                    view.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            r.viewRows = view.size();
            int wrong = 0;
            for (int a = 1; a <= auctions; a++) {
                long n = book.acked(a);
                long[] row = view.get((long) a);
                boolean ok = n == 0 ? row == null : row != null && row[0] == n && row[1] == AuctionBook.total(a, n);
                if (!ok) {
                    if (wrong++ < 3) {
                        failures.violation("final view differs from the acknowledged bids", "final view", "auction " + a + ": " + (row == null ? "no row" : row[0] + " bids, total "
                                + row[1]) + "; expected " + n + " bids, total " + AuctionBook.total(a, n));
                    }
                }
            }
            r.viewMatchesBook = wrong == 0 && view.size() == book.auctionsWithBids();
            con.println("view: " + view.size() + " rows, " + (r.viewMatchesBook ? "equal to the acknowledged bids"
                    : wrong + " rows differ from the acknowledged bids"));
            try (ResultSet rs = s.executeQuery("SHOW MATERIALIZED VIEWS")) {
                while (rs.next()) {
                    r.viewLine = "rows " + rs.getString("rows") + ", changes " + rs.getString("changes") + ", lag "
                            + rs.getString("lag") + ", state_bytes " + rs.getString("state_bytes");
                }
            }

            // Every subscriber's copy must come to equal it.
            long settleStart = System.nanoTime();
            long deadline = settleStart + TimeUnit.SECONDS.toNanos(settle);
            while (System.nanoTime() < deadline && !subscribers.stream().allMatch(p -> p.matches(view))) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            r.settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);
            for (PushClient p : subscribers) {
                if (p.matches(view)) {
                    r.subscribersMatching++;
                } else {
                    failures.violation("a subscriber's copy differs from the view", "subscriber", "its copy of the view after " + settle + " s: " + p.difference(view));
                }
            }
            r.totalChanges = subscribers.stream().mapToLong(PushClient::changes).sum();
            subscribers.forEach(PushClient::stop);
            join(pushThreads);
        }
        r.errors = failures.errors();
        r.violations = failures.violations();
        r.messages = failures.firstMessages();
        r.violationKinds = failures.byKind();
        return r;
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What one run measured and found. */
    static final class LoadResult {
        MachineInfo machine;
        LocalDateTime startedAt;
        long elapsedNanos;
        Duration serverCpu;
        long bids;
        long totalBids;
        long changes;
        long totalChanges;
        long lookups;
        long lookupsTotal;
        long lookupsFound;
        final Histogram roundTrip = new Histogram(60_000_000L, 3);
        final Histogram fromSchedule = new Histogram(60_000_000L, 3);
        final Histogram insert = new Histogram(60_000_000L, 3);
        int viewRows;
        boolean viewMatchesBook;
        String viewLine = "";
        long settleMillis;
        int subscribersMatching;
        int serverExit = -1;
        long errors;
        long violations;
        List<String> messages = List.of();
        Map<String, Long> violationKinds = Map.of();
        Duration clientCpu;
        double loadAverageAtEnd = -1;

        boolean passed() {
            return errors == 0 && violations == 0 && viewMatchesBook && cleanStop();
        }

        /** Exit code 0, or 143: the JVM ended by SIGTERM after its shutdown hook closed server and engine. */
        boolean cleanStop() {
            return serverExit == 0 || serverExit == 143;
        }

        String date() {
            return startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        }
    }
}
