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
import dev.runnel.log.Header;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.RelationDef;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Loads Nexmark bids (the generator's bid events in event order, default configuration) into a new
 * stream {@code bids} of a namespace on Kafka — json records keyed by {@code auction}, encoded by a
 * {@link LogSink} as every Runnel append is — inside one Kafka transaction that stays open until
 * {@link #release}: readers (read_committed, as Runnel's are) see none of it before, all of it
 * after. So the benchmark loads first, starts its processes and lets them take their tasks, and
 * only then releases the input at once. The stream is created by an engine of its own (outside any
 * cluster), closed before the processes start. Not thread-safe.
 */
final class BidLoader implements AutoCloseable {
    static final String DDL = "CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR,"
            + " url VARCHAR, date_time TIMESTAMP(3), extra VARCHAR,"
            + " WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)"
            + " WITH (partitions = %d, key = 'auction', format = 'json')";
    /** The header of a record's event time where it differs from the producer's time (as Runnel's Kafka log writes it). */
    private static final String EVENT_TIME = "runnel.et";

    private final KafkaProducer<byte[], byte[]> producer;
    private final long nanos;

    private BidLoader(KafkaProducer<byte[], byte[]> producer, long nanos) {
        this.producer = producer;
        this.nanos = nanos;
    }

    /**
     * Creates {@code bids} in {@code namespace} and sends {@code bids} bids in a transaction left
     * open (up to 15 minutes, the broker's default limit); returns once the broker has them all.
     */
    static BidLoader load(String bootstrap, String namespace, Path dataDir, int partitions, long bids) {
        RelationDef stream;
        try (Engine engine = Engines.open(EngineConfig.kafka(KafkaBackend.at(bootstrap).withNamespace(namespace),
                dataDir))) {
            try (Session s = engine.openSession()) {
                s.execute(String.format(Locale.ROOT, DDL, partitions)).close();
            }
            stream = engine.catalog().find("bids").orElseThrow();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, namespace + "bench-load");
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "900000");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        try (BufferAllocator allocator = new RootAllocator()) {
            producer.initTransactions();
            producer.beginTransaction();
            String topic = namespace + stream.storage().topic();
            LogSink sink = new LogSink(new LogSink.Appender() {
                @Override
                public int records(TopicPartition tp, List<Record> records) {
                    long now = System.currentTimeMillis();
                    for (Record r : records) {
                        producer.send(toKafka(topic, tp.partition(), r, now));
                    }
                    return 1;
                }

                @Override
                public void payload(TopicPartition tp, ByteBuffer payload, int rows, long first, long max) {
                    throw new IllegalStateException("a stream on Kafka is written as records");
                }
            }, stream, allocator, Clock.systemUTC());
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
            producer.flush();
            return new BidLoader(producer, System.nanoTime() - start);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** As Runnel's Kafka log maps a record: key, value, headers, event time in a header where it differs. */
    private static ProducerRecord<byte[], byte[]> toKafka(String topic, int partition, Record r, long now) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        if (r.timestamp() != Record.NO_TIMESTAMP && r.timestamp() != now) {
            headers.add(new RecordHeader(EVENT_TIME, ByteBuffer.allocate(8).putLong(0, r.timestamp()).array()));
        }
        return new ProducerRecord<>(topic, partition, now, r.key(), r.value(), headers);
    }

    /** How long sending took (until the broker had every record). */
    long nanos() {
        return nanos;
    }

    /** Commits the transaction: every bid becomes visible at once. */
    void release() {
        producer.commitTransaction();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
