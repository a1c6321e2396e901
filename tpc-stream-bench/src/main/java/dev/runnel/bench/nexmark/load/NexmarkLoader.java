package dev.runnel.bench.nexmark.load;

import dev.runnel.bench.nexmark.gen.Auction;
import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.gen.EventKind;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.gen.Person;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.planner.catalog.RelationDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Loads generated events into the streams {@code person}, {@code auction} and {@code bid} through
 * the normal ingest path: the streams are created by {@code CREATE STREAM} (columnar format,
 * {@code WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND}, see {@code nexmark/ddl.sql}),
 * and events are written in batches of {@code batchRows} rows per stream by a {@link LogSink}, as
 * COPY does (65,536 rows per appended block by default). Single-threaded.
 */
public final class NexmarkLoader {
    /** COPY's default rows per appended batch. */
    public static final int DEFAULT_BATCH_ROWS = 65_536;

    /** What a load wrote. */
    public record Result(long events, Map<EventKind, Long> rows, long nanos) {
        public double eventsPerSecond() {
            return events / (nanos / 1e9);
        }
    }

    private NexmarkLoader() {}

    /** The DDL of the three streams (statements separated by {@code ;}). */
    public static String ddl() {
        try (InputStream in = NexmarkLoader.class.getResourceAsStream("/nexmark/ddl.sql")) {
            if (in == null) {
                throw new IllegalStateException("nexmark/ddl.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the three streams (if missing) in {@code session}'s engine. */
    public static void createStreams(Session session) {
        session.executeScript(ddl(), r -> r.close());
    }

    /**
     * Generates events {@code 0 .. events-1} and appends each to its stream. The streams must exist
     * and be empty.
     */
    public static Result load(Engine engine, NexmarkGenerator generator, long events, int batchRows,
            BufferAllocator allocator) {
        long start = System.nanoTime();
        try (Appender appender = new Appender(engine, generator, batchRows, allocator)) {
            appender.append(0, events);
            appender.flush();
            return new Result(events, appender.rows(), System.nanoTime() - start);
        }
    }

    /**
     * Appends generated events to their streams as they are asked for: each kind's rows are gathered
     * into blocks of up to {@code batchRows} and written by a {@link LogSink} when full or on
     * {@link #flush}. Single-threaded.
     */
    public static final class Appender implements AutoCloseable {
        private final NexmarkGenerator generator;
        private final Map<EventKind, EventBatchBuilder> builders = new EnumMap<>(EventKind.class);
        private final long[] counts = new long[EventKind.values().length];
        private final Person p = new Person();
        private final Auction a = new Auction();
        private final Bid b = new Bid();

        public Appender(Engine engine, NexmarkGenerator generator, int batchRows, BufferAllocator allocator) {
            this.generator = generator;
            try {
                for (EventKind k : EventKind.values()) {
                    RelationDef stream = engine.catalog().find(k.stream()).orElseThrow(
                            () -> new IllegalStateException("stream " + k.stream() + " does not exist"));
                    LogSink sink = new LogSink(engine.log(), stream, allocator, Clock.systemUTC());
                    builders.put(k, new EventBatchBuilder(stream, allocator, batchRows, sink::write));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Generates events {@code from .. to-1} and adds each to its stream's block. */
        public void append(long from, long to) {
            EventBatchBuilder persons = builders.get(EventKind.PERSON);
            EventBatchBuilder auctions = builders.get(EventKind.AUCTION);
            EventBatchBuilder bids = builders.get(EventKind.BID);
            for (long n = from; n < to; n++) {
                EventKind kind = generator.kind(n);
                switch (kind) {
                    case PERSON -> {
                        generator.person(n, p);
                        persons.add(p);
                    }
                    case AUCTION -> {
                        generator.auction(n, a);
                        auctions.add(a);
                    }
                    case BID -> {
                        generator.bid(n, b);
                        bids.add(b);
                    }
                }
                counts[kind.ordinal()]++;
            }
        }

        /** Writes every stream's pending rows. */
        public void flush() {
            for (EventBatchBuilder builder : builders.values()) {
                builder.flush();
            }
        }

        /** Rows appended (or pending) per kind so far. */
        public Map<EventKind, Long> rows() {
            Map<EventKind, Long> rows = new EnumMap<>(EventKind.class);
            for (EventKind k : EventKind.values()) {
                rows.put(k, counts[k.ordinal()]);
            }
            return rows;
        }

        @Override
        public void close() {
            for (EventBatchBuilder builder : builders.values()) {
                builder.close();
            }
        }
    }
}
