package dev.runnel.bench.viewbench;

import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.load.EventBatchBuilder;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.jdbc.RunnelUrl;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.server.EngineRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runnel-bench view}: issue 6's materialized-view targets on an embedded engine
 * ({@code jdbc:runnel:mem:}), in three phases.
 * <ol>
 *   <li><b>Maintain.</b> {@code --events} Nexmark-shaped bids over {@code --keys} distinct auctions
 *       (every key appears once the events reach the key count) are appended to the stream through
 *       a {@link LogSink}, as COPY does; then {@code SET 'checkpoint.interval'} and
 *       {@code CREATE MATERIALIZED VIEW auction_stats AS SELECT auction, COUNT(*) AS bids,
 *       SUM(price) AS total FROM bids GROUP BY auction}; events/s is the events over the time from
 *       the CREATE until {@code SHOW MATERIALIZED VIEWS} reports lag 0. Every checkpoint seen while
 *       polling is reported (id, pause, bytes).</li>
 *   <li><b>Lookups.</b> 1..{@code --lookup-threads} threads, each its own JDBC connection with a
 *       {@code PreparedStatement SELECT * FROM auction_stats WHERE auction = ?} on random keys, as
 *       fast as they go: lookups/s and HdrHistogram latencies (execute and read the row).</li>
 *   <li><b>Freshness.</b> A writer appends {@code --rate} bids/s in batches of {@code --batch} rows
 *       through a {@link LogSink} (acknowledged = the append returned), each batch's last bid on a new
 *       auction; for every {@code --sample}-th batch a reader ({@code consistency = 'eventual'})
 *       polls that auction until the view has it: the time from the acknowledgement to the
 *       lookup that sees it.</li>
 * </ol>
 */
@Command(name = "view", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Materialized view on an embedded engine: maintenance events/s with checkpoints, JDBC point lookups, freshness.")
public final class ViewBenchCommand implements Callable<Integer> {
    private static final String URL = "jdbc:runnel:mem:viewbench";
    private static final String[] CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};
    private static final String URL_PREFIX = "https://www.nexmark.com/mjsf/wvs/spcp/item.htm?query=1&channel_id=";

    @Spec
    CommandSpec spec;

    @Option(names = "--events", defaultValue = "10000000", description = "Bids loaded before the view is created (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--keys", defaultValue = "1000000", description = "Distinct auctions (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the bids stream (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--checkpoint-interval", defaultValue = "5 s", description = "The view's checkpoint.interval (default ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--lookup-threads", defaultValue = "2", description = "Lookups run with 1, then up to this many threads (default ${DEFAULT-VALUE}).")
    int lookupThreads;

    @Option(names = "--lookup-seconds", defaultValue = "10", description = "Measured seconds per lookup run, after 3 s of warm-up (default ${DEFAULT-VALUE}).")
    int lookupSeconds;

    @Option(names = "--rate", defaultValue = "10000", description = "Bids/s appended in the freshness phase (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--batch", defaultValue = "100", description = "Rows per append in the freshness phase (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sample", defaultValue = "5", description = "Every n-th append is followed by the reader (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--fresh-seconds", defaultValue = "20", description = "Measured seconds of the freshness phase, after 3 s of warm-up (default ${DEFAULT-VALUE}).")
    int freshSeconds;

    @Option(names = "--skip-lookups", description = "Skip the lookup phase.")
    boolean skipLookups;

    @Option(names = "--skip-freshness", description = "Skip the freshness phase.")
    boolean skipFreshness;

    private final SplittableRandom random = new SplittableRandom(42);
    private final Bid bid = new Bid();
    private final Map<Long, long[]> checkpoints = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String url = URL;
        try (Connection admin = DriverManager.getConnection(url);
                EngineRegistry.Lease lease = EngineRegistry.jvm().acquire(RunnelUrl.parse(url));
                BufferAllocator allocator = new RootAllocator()) {
            Engine engine = lease.engine();
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR,"
                        + " date_time TIMESTAMP(3), extra VARCHAR) WITH (partitions = " + partitions + ", key = 'auction')");
            }
            RelationDef stream = engine.catalog().find("bids").orElseThrow();
            LogSink sink = new LogSink(engine.log(), stream, allocator, Clock.systemUTC());
            long t = System.nanoTime();
            try (EventBatchBuilder b = new EventBatchBuilder(stream, allocator, 65_536, sink::write)) {
                for (long n = 0; n < events; n++) {
                    b.add(nextBid(n, 1000 + (n * 2_654_435_761L) % keys));
                }
                b.flush();
            }
            double loadS = (System.nanoTime() - t) / 1e9;
            out.printf("loaded %,d bids over %,d auctions in %.1f s (%,.0f/s)%n", events, Math.min(events, keys), loadS,
                    events / loadS);

            maintain(admin, out);
            if (!skipLookups) {
                for (int threads = 1; threads <= lookupThreads; threads++) {
                    lookups(url, threads, out);
                }
            }
            if (!skipFreshness) {
                freshness(url, engine, stream, allocator, out);
            }
        }
        return 0;
    }

    private Bid nextBid(long n, long auction) {
        bid.auction = auction;
        bid.bidder = 1000 + random.nextInt(1_000_000);
        bid.price = 100 + random.nextInt(10_000_000);
        int c = random.nextInt(CHANNELS.length);
        bid.channel = CHANNELS[c];
        bid.url = URL_PREFIX + c;
        bid.dateTime = 1_767_225_600_000L + n;
        bid.extra = "x".repeat(random.nextInt(24));
        return bid;
    }

    private void maintain(Connection admin, PrintWriter out) throws SQLException, InterruptedException {
        long t0;
        long caughtUp;
        try (Statement s = admin.createStatement()) {
            s.execute("SET 'checkpoint.interval' = '" + checkpointInterval + "'");
            t0 = System.nanoTime();
            s.execute("CREATE MATERIALIZED VIEW auction_stats AS SELECT auction, COUNT(*) AS bids, SUM(price) AS total"
                    + " FROM bids GROUP BY auction");
            // SHOW's lag is NULL (read as 0) until the job reports, so the catch-up is a read-your-writes
            // query: it answers once the view has applied every bid (or after 30 s, then with fewer)
            Thread monitor = new Thread(() -> {
                try (Connection mc = DriverManager.getConnection(URL); Statement m = mc.createStatement()) {
                    while (!Thread.currentThread().isInterrupted()) {
                        showView(m, checkpoints);
                        Thread.sleep(100);
                    }
                } catch (SQLException | InterruptedException e) {
                    // stopped
                }
            }, "checkpoint-monitor");
            monitor.setDaemon(true);
            monitor.start();
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT SUM(bids) FROM auction_stats")) {
                    rs.next();
                    if (rs.getLong(1) == events) {
                        caughtUp = System.nanoTime();
                        break;
                    }
                }
            }
            monitor.interrupt();
            monitor.join();
            double secs = (caughtUp - t0) / 1e9;
            out.printf("view caught up with %,d bids in %.2f s: %,.0f events/s (checkpoint.interval %s)%n", events, secs,
                    events / secs, checkpointInterval);
            // one more interval so a checkpoint of the whole state is taken and reported
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(7);
            while (System.nanoTime() < until) {
                showView(s, checkpoints);
                Thread.sleep(100);
            }
        }
        printCheckpoints(out);
    }

    private void printCheckpoints(PrintWriter out) {
        synchronized (checkpoints) {
            for (Map.Entry<Long, long[]> e : checkpoints.entrySet()) {
                out.printf("checkpoint %d: pause %d ms, %,d bytes, view rows %,d%n", e.getKey(), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2]);
            }
            checkpoints.clear();
        }
    }

    /** Reads SHOW MATERIALIZED VIEWS, records the checkpoint it shows, returns the view's lag. */
    private static long showView(Statement s, Map<Long, long[]> checkpoints) throws SQLException {
      synchronized (checkpoints) {
        try (ResultSet rs = s.executeQuery("SHOW MATERIALIZED VIEWS")) {
            while (rs.next()) {
                if (!"auction_stats".equalsIgnoreCase(rs.getString("name"))) {
                    continue;
                }
                long cp = rs.getLong("checkpoint");
                if (!rs.wasNull()) {
                    checkpoints.putIfAbsent(cp, new long[] {rs.getLong("checkpoint_pause_ms"), rs.getLong("checkpoint_bytes"),
                        rs.getLong("rows")});
                }
                return rs.getLong("lag");
            }
        }
        throw new IllegalStateException("auction_stats is not in SHOW MATERIALIZED VIEWS");
      }
    }

    private void lookups(String url, int threads, PrintWriter out) throws Exception {
        List<Histogram> hs = new ArrayList<>();
        long[] counts = new long[threads];
        List<Thread> ts = new ArrayList<>();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        for (int i = 0; i < threads; i++) {
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            hs.add(h);
            int me = i;
            Thread th = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(me);
                try (Connection c = DriverManager.getConnection(url);
                        PreparedStatement ps = c.prepareStatement("SELECT * FROM auction_stats WHERE auction = ?")) {
                    while (!stop.get()) {
                        long key = 1000 + r.nextInt(keys);
                        long start = System.nanoTime();
                        ps.setLong(1, key);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next() || rs.getLong(1) != key) {
                                throw new IllegalStateException("no row for auction " + key);
                            }
                        }
                        if (measuring.get()) {
                            h.recordValue(System.nanoTime() - start);
                            counts[me]++;
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "lookup-" + i);
            ts.add(th);
            th.start();
        }
        Thread.sleep(3000);
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(lookupSeconds * 1000L);
        measuring.set(false);
        double secs = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread th : ts) {
            th.join();
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long n = 0;
        for (int i = 0; i < threads; i++) {
            all.add(hs.get(i));
            n += counts[i];
        }
        out.printf("lookups, %d thread(s): %,.0f/s; latency us p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f (%,d lookups)%n",
                threads, n / secs, us(all, 50), us(all, 90), us(all, 99), us(all, 99.9), all.getMaxValue() / 1e3, n);
    }

    private static double us(Histogram h, double p) {
        return h.getValueAtPercentile(p) / 1e3;
    }

    private void freshness(String url, Engine engine, RelationDef stream, BufferAllocator allocator, PrintWriter out)
            throws Exception {
        BlockingQueue<long[]> samples = new ArrayBlockingQueue<>(100_000);
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean measuring = new AtomicBoolean();
        long[] polls = new long[1];
        Thread reader = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("SET consistency = 'eventual'");
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM auction_stats WHERE auction = ?")) {
                    while (true) {
                        long[] sample = samples.poll(100, TimeUnit.MILLISECONDS);
                        if (sample == null) {
                            if (stop.get()) {
                                return;
                            }
                            continue;
                        }
                        ps.setLong(1, sample[0]);
                        while (true) {
                            polls[0]++;
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    break;
                                }
                            }
                        }
                        if (sample[2] == 1) {
                            h.recordValue(System.nanoTime() - sample[1]);
                        }
                    }
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "freshness-reader");
        reader.start();
        Thread monitor = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                while (!stop.get()) {
                    showView(s, checkpoints);
                    Thread.sleep(200);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "checkpoint-monitor");
        monitor.start();
        LogSink sink = new LogSink(engine.log(), stream, allocator, Clock.systemUTC());
        long appends = 0;
        long rows = 0;
        long nextFresh = 2_000_000_000L;
        long periodNs = TimeUnit.SECONDS.toNanos(1) * batch / rate;
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(3);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(freshSeconds);
        long measuredRows = 0;
        try (EventBatchBuilder b = new EventBatchBuilder(stream, allocator, batch + 1, sink::write)) {
            for (long due = start; due < end; due += periodNs) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                for (int i = 0; i < batch - 1; i++) {
                    b.add(nextBid(events + rows + i, 1000 + random.nextInt(keys)));
                }
                long fresh = nextFresh++;
                b.add(nextBid(events + rows + batch - 1, fresh));
                b.flush();
                long acked = System.nanoTime();
                rows += batch;
                boolean measured = acked >= measureFrom;
                if (measured) {
                    measuredRows += batch;
                }
                if (appends++ % sample == 0) {
                    samples.put(new long[] {fresh, acked, measured ? 1 : 0});
                }
            }
        }
        double secs = (System.nanoTime() - measureFrom) / 1e9;
        stop.set(true);
        reader.join();
        monitor.join();
        out.printf("freshness at %,.0f bids/s (%d-row appends, eventual): append ack -> visible in a lookup, ms p50 %.2f"
                + " p90 %.2f p99 %.2f p99.9 %.2f max %.2f (%,d samples, %,d lookups)%n", measuredRows / secs, batch,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, h.getTotalCount(), polls[0]);
        out.println("checkpoints during the freshness phase:");
        printCheckpoints(out);
    }
}
