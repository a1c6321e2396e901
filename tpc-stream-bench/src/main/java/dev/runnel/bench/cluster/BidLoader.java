package dev.runnel.bench.cluster;

import dev.runnel.bench.nexmark.gen.Bid;
import dev.runnel.bench.nexmark.gen.EventKind;
import dev.runnel.bench.nexmark.gen.GeneratorConfig;
import dev.runnel.bench.nexmark.gen.NexmarkGenerator;
import dev.runnel.bench.nexmark.load.EventBatchBuilder;
import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.sink.LogSink;
import dev.runnel.planner.catalog.RelationDef;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Loads Nexmark bids (the generator's bid events, in event order, default configuration) into the
 * stream {@code bids} of a namespace on Kafka: json records keyed by {@code auction} over
 * {@code partitions} partitions, written by a {@link LogSink} from an engine of its own (outside
 * any cluster), which is closed before the benchmark's processes start. Single-threaded.
 */
final class BidLoader {
    static final String DDL = "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR,"
            + " url VARCHAR, date_time TIMESTAMP(3), extra VARCHAR,"
            + " WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)"
            + " WITH (partitions = %d, key = 'auction', format = 'json')";

    private BidLoader() {}

    /** Creates {@code bids} and appends {@code bids} bids; returns the nanoseconds the appends took. */
    static long load(String bootstrap, String namespace, Path dataDir, int partitions, long bids) {
        try (Engine engine = Engines.open(EngineConfig.kafka(KafkaBackend.at(bootstrap).withNamespace(namespace),
                dataDir)); BufferAllocator allocator = new RootAllocator()) {
            try (Session s = engine.openSession()) {
                s.execute(String.format(java.util.Locale.ROOT, DDL, partitions)).close();
            }
            RelationDef stream = engine.catalog().find("bids").orElseThrow();
            LogSink sink = new LogSink(engine.log(), stream, allocator, Clock.systemUTC());
            NexmarkGenerator gen = new NexmarkGenerator(GeneratorConfig.defaults());
            Bid b = new Bid();
            long start = System.nanoTime();
            try (EventBatchBuilder builder = new EventBatchBuilder(stream, allocator, 65_536, sink::write)) {
                long written = 0;
                for (long n = 0; written < bids; n++) {
                    if (gen.kind(n) == EventKind.BID) {
                        gen.bid(n, b);
                        builder.add(b);
                        written++;
                    }
                }
                builder.flush();
            }
            return System.nanoTime() - start;
        }
    }
}
