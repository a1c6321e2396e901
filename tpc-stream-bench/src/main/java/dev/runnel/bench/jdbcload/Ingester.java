package dev.runnel.bench.jdbcload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Streams bids into the server at a steady rate: every {@code 1 / (rate / batch)} seconds one
 * statement over its own JDBC connection loads {@code batch} rows, auctions drawn uniformly: a
 * {@code COPY bids FROM 'FILE'} of a CSV file this process writes next to the server's data (the
 * bulk path; the server reads the file itself, so this needs both on one machine, as here), or a
 * multi-row {@code INSERT INTO bids VALUES ...}. Each bid's price follows {@link AuctionBook#price}; the book counts a bid
 * as sent before the INSERT leaves and as acknowledged once it returns. When the server falls behind
 * the schedule the next INSERT goes at once (the achieved rate is reported). Runs on its own thread
 * until {@link #stop()}.
 */
final class Ingester implements Runnable {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final String url;
    private final java.nio.file.Path copyFile;
    private final AuctionBook book;
    private final Failures failures;
    private final int rate;
    private final int batch;
    private final SplittableRandom random;
    private final Histogram insertMicros = new Histogram(60_000_000L, 3);
    private volatile boolean stopping;
    private volatile long rows;
    private volatile boolean recording;

    /** @param copyFile the CSV file for COPY, or null to INSERT */
    Ingester(String url, java.nio.file.Path copyFile, AuctionBook book, Failures failures, int rate, int batch, long seed) {
        this.url = url;
        this.copyFile = copyFile;
        this.book = book;
        this.failures = failures;
        this.rate = rate;
        this.batch = batch;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) * batch / Math.max(1, rate);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            long next = System.nanoTime();
            int[] auctions = new int[batch];
            while (!stopping) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos); // no burst to catch up
                long t0;
                try {
                    String sql;
                    if (copyFile == null) {
                        sql = insert(auctions);
                    } else {
                        java.nio.file.Files.writeString(copyFile, csv(auctions));
                        sql = "COPY bids FROM '" + copyFile + "' WITH (format = 'csv')";
                    }
                    t0 = System.nanoTime();
                    long n = s.executeUpdate(sql);
                    if (n != batch) {
                        throw new SQLException(n + " rows loaded of " + batch);
                    }
                } catch (SQLException | java.io.IOException e) {
                    failures.error("ingester", e instanceof SQLException q ? q : new SQLException(e));
                    continue; // the book keeps these as sent, never acknowledged
                }
                long micros = (System.nanoTime() - t0) / 1000;
                if (recording) {
                    insertMicros.recordValue(Math.min(micros, insertMicros.getHighestTrackableValue()));
                }
                for (int a : auctions) {
                    book.ack(a, 1);
                }
                rows += batch;
            }
        } catch (SQLException e) {
            failures.error("ingester", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String insert(int[] auctions) {
        String now = "TIMESTAMP '" + LocalDateTime.now().format(TS) + "'";
        StringBuilder b = new StringBuilder(64 + batch * 48).append("INSERT INTO bids VALUES ");
        for (int i = 0; i < batch; i++) {
            int a = 1 + random.nextInt(book.auctions());
            auctions[i] = a;
            long n = book.send(a);
            if (i > 0) {
                b.append(", ");
            }
            b.append('(').append(a).append(", ").append(random.nextInt(100_000)).append(", ")
                    .append(AuctionBook.price(a, n)).append(", ").append(now).append(')');
        }
        return b.toString();
    }

    private String csv(int[] auctions) {
        String now = LocalDateTime.now().format(TS);
        StringBuilder b = new StringBuilder(batch * 48);
        for (int i = 0; i < batch; i++) {
            int a = 1 + random.nextInt(book.auctions());
            auctions[i] = a;
            long n = book.send(a);
            b.append(a).append(',').append(random.nextInt(100_000)).append(',').append(AuctionBook.price(a, n)).append(',')
                    .append(now).append('\n');
        }
        return b.toString();
    }

    /** Latencies of the loading statements from now on go into {@link #insertMicros()}. */
    void record() {
        recording = true;
    }

    void stop() {
        stopping = true;
    }

    /** Rows acknowledged so far. */
    long rows() {
        return rows;
    }

    /** Round trips of the loading statements while recording, in microseconds; read after the thread ended. */
    Histogram insertMicros() {
        return insertMicros;
    }
}
