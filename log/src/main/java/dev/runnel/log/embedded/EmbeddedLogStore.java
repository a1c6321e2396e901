package dev.runnel.log.embedded;

import dev.runnel.log.AppendResult;
import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.FetchResult;
import dev.runnel.log.FsyncPolicy;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.LogException;
import dev.runnel.log.LogStore;
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
import dev.runnel.log.cleaner.LogCleaner;
import dev.runnel.log.group.GroupCoordinator;
import dev.runnel.log.record.RecordBatchBuilder;
import dev.runnel.log.storage.DataSignal;
import dev.runnel.log.storage.PartitionLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded, file-backed {@link LogStore}: Runnel's default storage, one directory per store.
 *
 * <h2>Directory layout</h2>
 * <pre>
 * dataDir/
 *   .lock                      held while a process has the store open (one process per directory)
 *   .clean-shutdown            present only between a clean close and the next open
 *   topics/NAME/topic.properties           the topic's {@link TopicConfig}
 *   topics/NAME/P/00000000000000000000.log  segments of partition P (see LogSegment)
 *   topics/NAME/P/recovery-point           offsets below this were flushed
 * </pre>
 * Creating a topic builds it in a hidden directory and renames it into place; deleting renames it
 * away first. Either way a crash leaves the topic whole or absent.
 *
 * <p>Thread-safe.
 */
public final class EmbeddedLogStore implements LogStore {
    private static final System.Logger LOG = System.getLogger(EmbeddedLogStore.class.getName());
    private static final String CLEAN_SHUTDOWN = ".clean-shutdown";
    private static final int MAX_BATCH_BYTES = 1024 * 1024;

    /** A topic's partitions and config. */
    record Topic(String name, TopicConfig config, PartitionLog[] partitions) {}

    private final Path dataDir;
    private final Path topicsDir;
    private final Clock clock;
    private final DataSignal signal = new DataSignal();
    private final Partitioner partitioner = new Partitioner();
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Object adminLock = new Object();
    private final List<String> repairs = new ArrayList<>();
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private final boolean openedClean;
    private final GroupCoordinator groups;
    private final LogCleaner cleaner;
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private EmbeddedLogStore(StoreOptions options) throws IOException {
        this.dataDir = options.dataDir();
        this.topicsDir = dataDir.resolve("topics");
        this.clock = options.clock();
        Files.createDirectories(topicsDir);
        this.lockChannel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new StorageException("data directory " + dataDir + " is in use by another Runnel process or store");
        }
        this.fileLock = l;
        Path marker = dataDir.resolve(CLEAN_SHUTDOWN);
        this.openedClean = Files.exists(marker);
        TopicDirectories.removeLeftovers(topicsDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(topicsDir)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && Files.exists(p.resolve(TopicDirectories.TOPIC_CONFIG))) {
                    openTopic(p.getFileName().toString());
                }
            }
        }
        if (!topics.containsKey(ConsumerGroups.OFFSETS_TOPIC)) {
            createTopicInternal(ConsumerGroups.OFFSETS_TOPIC, TopicConfig.DEFAULT
                    .with("cleanup.policy", CleanupPolicy.COMPACT.configName())
                    .with("segment.bytes", Integer.toString(16 * 1024 * 1024)), true);
        }
        Files.deleteIfExists(marker);
        this.groups = new GroupCoordinator(this, clock);
        this.cleaner = new LogCleaner(this::compactedPartitions, clock);
        if (options.backgroundThreads()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "runnel-log-scheduler");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::runFlush, 50, 50, TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(this::runRetention, options.retentionCheckIntervalMs(),
                    options.retentionCheckIntervalMs(), TimeUnit.MILLISECONDS);
            scheduler.scheduleWithFixedDelay(groups::expireMembers, 1000, 1000, TimeUnit.MILLISECONDS);
            cleaner.start(options.cleanerIntervalMs());
        } else {
            scheduler = null;
        }
    }

    /** Opens (creating if needed) the store in {@code options.dataDir()}, recovering it if it was not closed cleanly. */
    public static EmbeddedLogStore open(StoreOptions options) {
        try {
            return new EmbeddedLogStore(options);
        } catch (IOException e) {
            throw new StorageException("cannot open log store in " + options.dataDir() + ": " + e.getMessage(), e);
        }
    }

    public static EmbeddedLogStore open(Path dataDir) {
        return open(StoreOptions.at(dataDir));
    }

    public Path dataDir() {
        return dataDir;
    }

    public Clock clock() {
        return clock;
    }

    /** Whether the previous process closed this store cleanly (else recovery scanned the tails). */
    public boolean openedClean() {
        return openedClean;
    }

    /** Every repair recovery made while opening, one line each. */
    public List<String> repairs() {
        synchronized (repairs) {
            return List.copyOf(repairs);
        }
    }

    // ---- admin ----

    @Override
    public void createTopic(String name, TopicConfig config) {
        TopicNames.validate(name, false);
        createTopicInternal(name, config, false);
    }

    /** Creates an internal topic (name starting with {@code __}) if it does not exist yet. */
    @Override
    public void createInternalTopicIfAbsent(String name, TopicConfig config) {
        TopicNames.validate(name, true);
        synchronized (adminLock) {
            if (!topics.containsKey(name)) {
                createTopicInternal(name, config, true);
            }
        }
    }

    private void createTopicInternal(String name, TopicConfig config, boolean internal) {
        singleCopy(config.replication());
        synchronized (adminLock) {
            ensureOpen();
            if (topics.containsKey(name)) {
                throw new TopicExistsException("topic '" + name + "' already exists");
            }
            Path staging = topicsDir.resolve("." + name + ".creating-" + UUID.randomUUID());
            try {
                Files.createDirectories(staging);
                TopicDirectories.writeConfig(staging, config);
                for (int p = 0; p < config.partitions(); p++) {
                    Files.createDirectories(staging.resolve(Integer.toString(p)));
                }
                Files.move(staging, topicsDir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                TopicDirectories.deleteRecursively(staging);
                throw new StorageException("cannot create topic '" + name + "': " + e.getMessage(), e);
            }
            openTopic(name);
        }
    }

    private void openTopic(String name) {
        Path dir = topicsDir.resolve(name);
        TopicConfig config = TopicDirectories.readConfig(dir);
        PartitionLog[] parts = new PartitionLog[config.partitions()];
        for (int p = 0; p < parts.length; p++) {
            parts[p] = PartitionLog.open(new TopicPartition(name, p), dir.resolve(Integer.toString(p)), config, clock,
                    signal, openedClean);
            synchronized (repairs) {
                repairs.addAll(parts[p].repairs());
            }
        }
        topics.put(name, new Topic(name, config, parts));
    }

    @Override
    public void deleteTopic(String name) {
        synchronized (adminLock) {
            ensureOpen();
            Topic t = topic(name);
            if (TopicNames.isInternal(name)) {
                throw new dev.runnel.log.InvalidTopicException("internal topic '" + name + "' cannot be deleted");
            }
            topics.remove(name);
            for (PartitionLog p : t.partitions()) {
                p.deleteFiles();
            }
            Path gone = topicsDir.resolve("." + name + ".deleted-" + UUID.randomUUID());
            try {
                Files.move(topicsDir.resolve(name), gone, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new StorageException("cannot delete topic '" + name + "': " + e.getMessage(), e);
            }
            TopicDirectories.deleteRecursively(gone);
            signal.signal();
        }
    }

    @Override
    public boolean topicExists(String name) {
        return topics.containsKey(name);
    }

    @Override
    public Set<String> listTopics() {
        return new TreeSet<>(topics.keySet());
    }

    @Override
    public TopicDescription describeTopic(String name) {
        Topic t = topic(name);
        List<TopicDescription.PartitionInfo> infos = new ArrayList<>();
        for (PartitionLog p : t.partitions()) {
            infos.add(new TopicDescription.PartitionInfo(p.topicPartition().partition(), p.logStartOffset(),
                    p.logEndOffset(), p.sizeInBytes(), p.segmentCount()));
        }
        return new TopicDescription(name, TopicNames.isInternal(name), t.config(), infos);
    }

    @Override
    public TopicDescription alterTopicConfig(String name, Map<String, String> changes) {
        synchronized (adminLock) {
            ensureOpen();
            Topic t = topic(name);
            String newPartitions = changes.get("partitions");
            if (newPartitions != null && !newPartitions.trim().equals(Integer.toString(t.config().partitions()))) {
                throw new InvalidConfigException("the partition count of a topic cannot be changed");
            }
            TopicConfig updated = t.config().withAll(changes);
            if (updated.replication() != t.config().replication()) {
                singleCopy(updated.replication());
            }
            TopicDirectories.writeConfig(topicsDir.resolve(name), updated);
            for (PartitionLog p : t.partitions()) {
                p.updateConfig(updated);
            }
            topics.put(name, new Topic(name, updated, t.partitions()));
            return describeTopic(name);
        }
    }

    /** The embedded log keeps one copy of each partition: more is refused rather than pretended. */
    private static void singleCopy(int replication) {
        if (replication > 1) {
            throw new InvalidConfigException("replication " + replication + " needs the log on Kafka: the embedded log"
                    + " keeps one copy of each partition on this machine");
        }
    }

    // ---- produce ----

    @Override
    public List<AppendResult> append(TopicPartition tp, List<Record> records, ProducerTag tag) {
        PartitionLog log = partition(tp);
        TopicConfig cfg = log.config();
        for (int i = 0; i < records.size(); i++) {
            int size = records.get(i).approximateSize();
            if (size > cfg.effectiveMaxRecordBytes()) {
                throw new RecordTooLargeException("record " + i + " is about " + size + " bytes, more than max.record.bytes ("
                        + cfg.effectiveMaxRecordBytes() + ") of topic '" + tp.topic() + "'; nothing was written");
            }
        }
        if (records.isEmpty()) {
            return List.of();
        }
        RecordBatchBuilder builder = new RecordBatchBuilder();
        List<AppendResult> results = new ArrayList<>();
        long producerTime = clock.millis();
        int maxBatch = Math.min(MAX_BATCH_BYTES, cfg.segmentBytes() - 128);
        int from = 0;
        int bytes = 0;
        for (int i = 0; i < records.size(); i++) {
            int size = records.get(i).approximateSize();
            if (i > from && bytes + size > maxBatch) {
                results.add(log.append(builder.build(records.subList(from, i), cfg.compression(), producerTime,
                        tag.advance(from))));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        results.add(log.append(builder.build(records.subList(from, records.size()), cfg.compression(), producerTime,
                tag.advance(from))));
        return results;
    }

    @Override
    public AppendResult appendPayload(TopicPartition tp, java.nio.ByteBuffer payload, int rowCount,
            long firstTimestamp, long maxTimestamp, ProducerTag tag) {
        PartitionLog log = partition(tp);
        TopicConfig cfg = log.config();
        if (payload.remaining() > cfg.segmentBytes() - 128) {
            throw new RecordTooLargeException("a payload of " + payload.remaining() + " bytes does not fit in a segment ("
                    + cfg.segmentBytes() + " bytes) of topic '" + tp.topic() + "'; nothing was written");
        }
        return log.append(new RecordBatchBuilder().buildPayload(payload, rowCount, firstTimestamp, maxTimestamp,
                cfg.compression(), clock.millis(), tag));
    }

    @Override
    public List<AppendResult> send(String topic, List<Record> records) {
        Topic t = topic(topic);
        int n = t.partitions().length;
        Map<Integer, List<Record>> byPartition = new HashMap<>();
        for (Record r : records) {
            byPartition.computeIfAbsent(partitioner.partition(r.key(), n), k -> new ArrayList<>()).add(r);
        }
        List<AppendResult> results = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(byPartition).entrySet()) {
            results.addAll(append(new TopicPartition(topic, e.getKey()), e.getValue()));
        }
        return results;
    }

    // ---- read ----

    @Override
    public FetchResult read(TopicPartition tp, long offset, int maxBytes) {
        return partition(tp).read(offset, maxBytes);
    }

    @Override
    public FetchResult read(TopicPartition tp, long offset, ByteBuffer into) {
        return partition(tp).read(offset, into);
    }

    @Override
    public long logStartOffset(TopicPartition tp) {
        return partition(tp).logStartOffset();
    }

    @Override
    public long logEndOffset(TopicPartition tp) {
        return partition(tp).logEndOffset();
    }

    @Override
    public OptionalLong offsetForTimestamp(TopicPartition tp, long timestamp) {
        return partition(tp).offsetForTimestamp(timestamp);
    }

    @Override
    public boolean awaitData(Map<TopicPartition, Long> positions, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long seen = signal.version();
            for (var e : positions.entrySet()) {
                if (partition(e.getKey()).logEndOffset() > e.getValue()) {
                    return true;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || closed) {
                return false;
            }
            signal.await(seen, left);
        }
    }

    @Override
    public Consumer consumer(ConsumerConfig config) {
        ensureOpen();
        return new LogConsumer(this, config);
    }

    @Override
    public ConsumerGroups groups() {
        return groups;
    }

    // ---- background work, callable directly (tests, CLI) ----

    /** Applies time and size retention to every topic now. Returns the number of segments deleted. */
    public int runRetention() {
        int deleted = 0;
        for (Topic t : topics.values()) {
            for (PartitionLog p : t.partitions()) {
                try {
                    deleted += p.deleteExpiredSegments();
                } catch (LogException e) {
                    LOG.log(System.Logger.Level.WARNING, "retention of " + p.topicPartition() + " failed: " + e.getMessage());
                }
            }
        }
        return deleted;
    }

    /** Compacts every compacted topic's inactive segments now. */
    public LogCleaner.Stats runCleaner() {
        return cleaner.cleanAll();
    }

    /** Flushes partitions with {@code fsync = interval} whose interval has passed. */
    public void runFlush() {
        for (Topic t : topics.values()) {
            if (t.config().fsync() != FsyncPolicy.INTERVAL) {
                continue;
            }
            for (PartitionLog p : t.partitions()) {
                try {
                    p.maybeFlush();
                } catch (LogException e) {
                    LOG.log(System.Logger.Level.WARNING, "flush of " + p.topicPartition() + " failed: " + e.getMessage());
                }
            }
        }
    }

    /** Rolls the active segment of every partition of a topic (makes its data eligible for compaction). */
    public void roll(String topic) {
        for (PartitionLog p : topic(topic).partitions()) {
            p.roll();
        }
    }

    /** The partition logs of a topic, for the engine's internal use (cleaner, CLI dump). */
    public PartitionLog partitionLog(TopicPartition tp) {
        return partition(tp);
    }

    private Collection<PartitionLog> compactedPartitions() {
        List<PartitionLog> out = new ArrayList<>();
        for (Topic t : topics.values()) {
            if (t.config().cleanupPolicy().compacts()) {
                out.addAll(List.of(t.partitions()));
            }
        }
        return out;
    }

    DataSignal signal() {
        return signal;
    }

    // ---- lifecycle ----

    @Override
    public void close() {
        synchronized (adminLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (scheduler != null) {
                // no interrupts: an interrupt during file I/O would close a segment's shared channel
                scheduler.shutdown();
                try {
                    if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                        LOG.log(System.Logger.Level.WARNING, "background log tasks did not stop within 30 s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            cleaner.close();
            signal.signal();
            for (Topic t : topics.values()) {
                for (PartitionLog p : t.partitions()) {
                    p.close();
                }
            }
            try {
                Files.createFile(dataDir.resolve(CLEAN_SHUTDOWN));
                fileLock.release();
                lockChannel.close();
            } catch (IOException e) {
                throw new StorageException("cannot close log store in " + dataDir + ": " + e.getMessage(), e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogException("STORE_CLOSED", "the log store in " + dataDir + " is closed");
        }
    }

    Topic topic(String name) {
        Topic t = topics.get(name);
        if (t == null) {
            throw new UnknownTopicException("topic '" + name + "' does not exist");
        }
        return t;
    }

    PartitionLog partition(TopicPartition tp) {
        Topic t = topic(tp.topic());
        if (tp.partition() >= t.partitions().length) {
            throw new UnknownTopicException("partition " + tp.partition() + " of topic '" + tp.topic()
                    + "' does not exist (it has " + t.partitions().length + " partitions: 0 to "
                    + (t.partitions().length - 1) + ")");
        }
        return t.partitions()[tp.partition()];
    }

    /**
     * Number of partitions of a topic, without describing each one.
     *
     * @throws UnknownTopicException if the topic does not exist
     */
    public int partitionCount(String topic) {
        return topic(topic).partitions().length;
    }
}
