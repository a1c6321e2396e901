package dev.runnel.log.kafka;

import dev.runnel.log.AppendResult;
import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.FetchResult;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.InvalidTopicException;
import dev.runnel.log.LogException;
import dev.runnel.log.LogStore;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.Partitioner;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import dev.runnel.log.RecordTooLargeException;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicDescription;
import dev.runnel.log.TopicExistsException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The log on an Apache Kafka cluster: a Runnel topic is a Kafka topic (named with the store's
 * namespace in front), a Runnel offset is the Kafka offset, one per record. Admin goes through one
 * Kafka {@link Admin} ({@link KafkaTopicAdmin}), appends through one shared idempotent
 * {@link KafkaProducer} with {@code acks=all} (an append returns once every record is
 * acknowledged), reads through pooled consumers ({@link PartitionReaders}) whose records are
 * re-encoded into Runnel's batch format ({@link BatchEncoder}), and consumer groups are Kafka's.
 *
 * <p>What differs from the embedded store: payload batches cannot be stored (a columnar block
 * would stand for many offsets, Kafka has one per record; {@link #supportsPayloadBatches()} is
 * false and the engine writes a row format); the record timestamp is the producer time and the
 * event time travels in a header ({@link RecordMapping}); {@code fsync} keys are ignored (durability
 * is {@code acks=all} plus replication); {@link #offsetForTimestamp} scans the partition.
 *
 * <p>Thread-safe.
 */
public final class KafkaLogStore implements LogStore {
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** Kafka's default {@code max.request.size}: no single record may be larger. */
    private static final int MAX_RECORD_BYTES = 1024 * 1024 - 1024;

    private final KafkaStoreOptions options;
    private final Admin admin;
    private final KafkaTopicAdmin topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final PartitionReaders readers;
    private final KafkaConsumerGroups groups;
    private final Properties clientProperties;
    private final Partitioner partitioner = new Partitioner();
    /** Partition counts of topics seen, so appends to unknown topics fail fast instead of blocking. */
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private KafkaLogStore(KafkaStoreOptions options, Properties clientProperties, Admin admin) {
        this.options = options;
        this.clientProperties = clientProperties;
        this.admin = admin;
        this.topics = new KafkaTopicAdmin(this, admin, options);
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "runnel-producer");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(options.requestTimeoutMs()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * options.requestTimeoutMs()));
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.readers = new PartitionReaders(this, clientProperties, options.requestTimeoutMs());
        this.groups = new KafkaConsumerGroups(this, admin, options);
    }

    /**
     * Connects to the cluster, retrying with back-off ({@link KafkaStoreOptions#connectAttempts()});
     *
     * @throws StorageException naming the address and the last error when the cluster cannot be reached
     */
    public static KafkaLogStore open(KafkaStoreOptions options) {
        Properties props = new Properties();
        props.putAll(options.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeoutMs()));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(options.requestTimeoutMs()));
        props.put("allow.auto.create.topics", "false");
        Properties adminProps = new Properties();
        adminProps.putAll(props);
        adminProps.remove("allow.auto.create.topics");
        Admin admin;
        try {
            admin = Admin.create(adminProps);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new StorageException("cannot connect to Kafka at " + options.bootstrap() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        try {
            KafkaTopicAdmin.awaitCluster(admin, options);
            return new KafkaLogStore(options, props, admin);
        } catch (RuntimeException e) {
            admin.close(java.time.Duration.ZERO);
            throw e;
        }
    }

    public KafkaStoreOptions options() {
        return options;
    }

    // ---- names ----

    /** The Kafka topic of a Runnel topic. */
    String kafkaName(String topic) {
        return options.namespace() + topic;
    }

    /** The Runnel topic of a Kafka topic in this store's namespace, or null if it is outside. */
    String runnelName(String kafkaTopic) {
        return kafkaTopic.startsWith(options.namespace()) && kafkaTopic.length() > options.namespace().length()
                ? kafkaTopic.substring(options.namespace().length()) : null;
    }

    org.apache.kafka.common.TopicPartition kafka(TopicPartition tp) {
        return new org.apache.kafka.common.TopicPartition(kafkaName(tp.topic()), tp.partition());
    }

    static void validateName(String name, boolean internal) {
        if (name == null || !LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")
                || name.startsWith(".")) {
            throw new InvalidTopicException("topic name '" + name + "' is invalid: use 1 to 200 letters, digits,"
                    + " '.', '_' or '-', not starting with '.'");
        }
        if (!internal && name.startsWith("__")) {
            throw new InvalidTopicException("topic names starting with '__' are reserved for internal topics: '"
                    + name + "'");
        }
    }

    Properties clientProperties() {
        return clientProperties;
    }

    void rememberPartitions(String topic, int partitions) {
        partitionCounts.put(topic, partitions);
    }

    void forget(String topic) {
        partitionCounts.remove(topic);
        readers.forget(kafkaName(topic));
    }

    /** Partition count of a topic, from the cache or asked of Kafka. */
    int partitions(String topic) {
        Integer n = partitionCounts.get(topic);
        if (n == null) {
            n = topics.partitionCount(topic);
            partitionCounts.put(topic, n);
        }
        return n;
    }

    private void checkPartition(TopicPartition tp) {
        ensureOpen();
        int n = partitions(tp.topic());
        if (tp.partition() < 0 || tp.partition() >= n) {
            throw new UnknownTopicException("topic '" + tp.topic() + "' has no partition " + tp.partition()
                    + " (it has " + n + ")");
        }
    }

    OffsetOutOfRangeException outOfRange(TopicPartition tp, long offset) {
        return new OffsetOutOfRangeException(tp, offset, logStartOffset(tp), logEndOffset(tp));
    }

    // ---- admin ----

    @Override
    public void createTopic(String name, TopicConfig config) {
        ensureOpen();
        validateName(name, false);
        topics.create(name, config);
    }

    @Override
    public void createInternalTopicIfAbsent(String name, TopicConfig config) {
        ensureOpen();
        validateName(name, true);
        if (!topicExists(name)) {
            try {
                topics.create(name, config);
            } catch (TopicExistsException e) {
                // created by a concurrent caller (or another process): that is what we wanted
            }
        }
    }

    @Override
    public void deleteTopic(String name) {
        ensureOpen();
        if (name.startsWith("__")) {
            throw new InvalidTopicException("internal topic '" + name + "' cannot be deleted");
        }
        topics.delete(name);
    }

    /** Deletes an internal topic (one the engine made for its own use, e.g. a dropped view's), if it exists. */
    public void deleteInternalTopic(String name) {
        ensureOpen();
        if (topicExists(name)) {
            try {
                topics.delete(name);
            } catch (dev.runnel.log.UnknownTopicException e) {
                // deleted concurrently (another process): what we wanted
            }
        }
    }

    @Override
    public boolean topicExists(String name) {
        return listTopics().contains(name);
    }

    @Override
    public Set<String> listTopics() {
        ensureOpen();
        Set<String> out = new TreeSet<>();
        for (String k : topics.kafkaTopics()) {
            String n = runnelName(k);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public TopicDescription describeTopic(String name) {
        ensureOpen();
        return topics.describe(name);
    }

    @Override
    public TopicDescription alterTopicConfig(String name, Map<String, String> changes) {
        ensureOpen();
        if (changes.containsKey("partitions")) {
            throw new InvalidConfigException("the partition count of topic '" + name + "' cannot be changed");
        }
        topics.alter(name, changes);
        return describeTopic(name);
    }

    // ---- produce ----

    @Override
    public List<AppendResult> append(TopicPartition tp, List<Record> records, ProducerTag tag) {
        checkPartition(tp);
        if (records.isEmpty()) {
            return List.of();
        }
        for (Record r : records) {
            if (r.approximateSize() > MAX_RECORD_BYTES) {
                throw new RecordTooLargeException("record of about " + r.approximateSize() + " bytes is larger than "
                        + MAX_RECORD_BYTES + " bytes, the most one Kafka request carries; nothing was written");
            }
        }
        long producerTime = options.clock().millis();
        String kafkaTopic = kafkaName(tp.topic());
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try {
            for (int i = 0; i < records.size(); i++) {
                sent.add(producer.send(RecordMapping.toKafka(kafkaTopic, tp.partition(), records.get(i), producerTime,
                        tag, i)));
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "append to " + tp);
        }
        long first = -1;
        long last = -1;
        long appendTime = producerTime;
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = KafkaErrors.get(f, 2 * options.requestTimeoutMs() + 1000, "append to " + tp);
            if (first < 0) {
                first = m.offset();
                appendTime = m.timestamp();
            }
            last = m.offset();
        }
        return List.of(new AppendResult(tp, first, last, appendTime, records.size()));
    }

    /** False: a payload batch stands for many offsets, a Kafka record for one. */
    @Override
    public boolean supportsPayloadBatches() {
        return false;
    }

    @Override
    public AppendResult appendPayload(TopicPartition tp, ByteBuffer payload, int rowCount, long firstTimestamp,
            long maxTimestamp, ProducerTag tag) {
        throw new LogException("UNSUPPORTED", "the Kafka log stores one record per offset and cannot store a payload"
                + " batch of " + rowCount + " rows in " + tp + "; write records (a row format such as json) instead");
    }

    @Override
    public List<AppendResult> send(String topic, List<Record> records) {
        int n = partitions(topic);
        Map<Integer, List<Record>> byPartition = new TreeMap<>();
        for (Record r : records) {
            byPartition.computeIfAbsent(partitioner.partition(r.key(), n), k -> new ArrayList<>()).add(r);
        }
        List<AppendResult> results = new ArrayList<>();
        for (var e : byPartition.entrySet()) {
            results.addAll(append(new TopicPartition(topic, e.getKey()), e.getValue()));
        }
        return results;
    }

    // ---- read ----

    @Override
    public FetchResult read(TopicPartition tp, long offset, int maxBytes) {
        checkPartition(tp);
        return readers.read(tp, offset, maxBytes);
    }

    @Override
    public long logStartOffset(TopicPartition tp) {
        checkPartition(tp);
        return topics.offsets(List.of(tp), true).get(tp);
    }

    @Override
    public long logEndOffset(TopicPartition tp) {
        checkPartition(tp);
        return topics.offsets(List.of(tp), false).get(tp);
    }

    /**
     * The high watermarks of {@code tps}: the end of every record appended, in transactions still
     * open too — where {@link #logEndOffset} is the last stable offset, which an open transaction
     * holds back below records that other transactions committed after it began.
     */
    public Map<TopicPartition, Long> highWatermarks(List<TopicPartition> tps) {
        ensureOpen();
        return tps.isEmpty() ? Map.of() : topics.offsets(tps, false,
                org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED);
    }

    /** Start and end offsets of several partitions in two requests. */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> tps) {
        return tps.isEmpty() ? Map.of() : topics.offsets(tps, false);
    }

    /**
     * The first offset whose event time is >= {@code timestamp}, found by reading the partition from
     * its start (Kafka's time index holds record timestamps, which are producer times here),
     * skipping whole batches whose largest event time is smaller.
     */
    @Override
    public OptionalLong offsetForTimestamp(TopicPartition tp, long timestamp) {
        checkPartition(tp);
        long pos = logStartOffset(tp);
        long end = logEndOffset(tp);
        while (pos < end) {
            FetchResult f = readers.read(tp, pos, 1 << 20);
            if (f.isEmpty()) {
                break;
            }
            for (RecordBatch b : f) {
                if (b.maxTimestamp() < timestamp) {
                    continue;
                }
                RecordCursor c = b.records();
                while (c.next()) {
                    if (c.offset() >= pos && c.timestamp() >= timestamp) {
                        return OptionalLong.of(c.offset());
                    }
                }
            }
            pos = f.nextOffset();
        }
        return OptionalLong.empty();
    }

    @Override
    public boolean awaitData(Map<TopicPartition, Long> positions, long timeoutMs) throws InterruptedException {
        ensureOpen();
        return readers.awaitData(positions, timeoutMs);
    }

    @Override
    public Consumer consumer(ConsumerConfig config) {
        ensureOpen();
        return new KafkaLogConsumer(this, config);
    }

    @Override
    public ConsumerGroups groups() {
        return groups;
    }

    /** The Kafka group id of a Runnel group. */
    String kafkaGroup(String group) {
        return options.namespace() + group;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("the Kafka log store is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        readers.close();
        producer.close(java.time.Duration.ofSeconds(5));
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
