package dev.runnel.exec.engine;

import dev.runnel.exec.plan.Pipeline;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicDescription;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.planner.physical.ScanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Progress of a long pull query for the session's progress listener (the shell's in-place status
 * line): once a query has run {@link #DELAY_MILLIS} without a row for the client, every
 * {@link #PERIOD_MILLIS} the rows its scans have read, out of the records its topics held when it
 * began, e.g. {@code "reading 12.4 M of 20.0 M rows (62%), 3.1 s (Ctrl-C cancels)"}. It stops
 * at the first row for the client or when the query ends. One daemon thread serves every query.
 */
final class QueryProgress {
    static final long DELAY_MILLIS = 1_000;
    static final long PERIOD_MILLIS = 250;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runnel-query-progress");
        t.setDaemon(true);
        return t;
    });

    private QueryProgress() {}

    /**
     * Reports on {@code pipeline} to {@code listener} until {@code done} is true (checked each
     * tick); returns the handle that stops it.
     */
    static ScheduledFuture<?> start(Pipeline pipeline, PhysicalNode root, LogStore log, Consumer<String> listener,
            BooleanSupplier done) {
        long total = records(root, log);
        long started = System.nanoTime();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Runnable tick = () -> {
            if (done.getAsBoolean()) {
                ScheduledFuture<?> f = self[0];
                if (f != null) {
                    f.cancel(false);
                }
                return;
            }
            try {
                listener.accept(line(pipeline.metrics().rowsIn(), total, System.nanoTime() - started));
            } catch (RuntimeException e) {
                // a listener that fails gets no more lines; the query goes on
                self[0].cancel(false);
            }
        };
        synchronized (self) {
            self[0] = TIMER.scheduleAtFixedRate(tick, DELAY_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        return self[0];
    }

    static String line(long read, long total, long elapsedNanos) {
        String of = total > 0 ? " of " + amount(Math.max(total, read)) + " rows ("
                + Math.min(100, read * 100 / Math.max(total, read)) + "%)" : " rows";
        return "reading " + amount(read) + of + String.format(Locale.ROOT, ", %.1f s", elapsedNanos / 1e9)
                + " (Ctrl-C cancels)";
    }

    private static String amount(long n) {
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1f M", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.1f K", n / 1e3);
        }
        return Long.toString(n);
    }

    /** Records (offsets) the query's scanned topics hold now: what a pull query will read, about. */
    private static long records(PhysicalNode root, LogStore log) {
        List<ScanNode> scans = new ArrayList<>();
        collect(root, scans);
        long total = 0;
        for (ScanNode s : scans) {
            try {
                String topic = s.relation().storage().topic();
                if (log.topicExists(topic)) {
                    TopicDescription d = log.describeTopic(topic);
                    total += d.totalRecordsSpan();
                }
            } catch (RuntimeException e) {
                // a topic dropped meanwhile: no total then
            }
        }
        return total;
    }

    private static void collect(PhysicalNode node, List<ScanNode> out) {
        if (node instanceof ScanNode s) {
            out.add(s);
        }
        for (PhysicalNode in : node.inputs()) {
            collect(in, out);
        }
    }
}
