package dev.runnel.exec.catalog;

import dev.runnel.log.AppendResult;
import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogException;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicDescription;
import dev.runnel.log.TopicExistsException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.RunnelSqlException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The durable catalog: an event log in the internal compacted topic {@value #TOPIC} (one
 * partition, fsync every batch, kept forever; layout in {@link CatalogEvents}), replayed into
 * memory when opened. {@link #snapshot()} hands each statement an immutable view.
 *
 * <p>Every change writes its event first (acknowledged only once fsynced) and then updates
 * memory, so what a reader saw survives a crash:
 * <ul>
 *   <li>{@link #create}: creates the relation's topic (partitions, compaction for tables and
 *       views, retention), then writes the event; if that fails the topic is deleted again, so a
 *       failed create leaves catalog and topics as they were. A topic that exists already (left
 *       behind by a create that crashed before its event, or made by another Kafka client) is
 *       adopted if its layout fits ({@link TopicAdoption}).</li>
 *   <li>{@link #drop}: writes a {@code drop} event naming the topics, deletes the relation's topic
 *       and dead-letter topic, then writes a tombstone. Opening the catalog finishes a drop that
 *       a crash interrupted.</li>
 * </ul>
 * Persistent jobs are recorded in the same log ({@link #putJob}, {@link #dropJob}), keyed apart
 * from relations, so the engine restarts them when it opens; so are standing searches
 * ({@link #putSearch}, {@link #dropSearch}).
 *
 * <p><b>Shared by a cluster</b> ({@link #open(LogStore, boolean)} with {@code shared}): several
 * processes write the topic, which serializes them. Every change first reads the topic to its end
 * (applying what others wrote), checks, writes its event, then reads on through its own event: if
 * another process's event for the name came first, that one wins ({@link CatalogState}), this
 * change is undone (the winner's event written again, a topic it created for nothing deleted) and
 * fails with 42S01 (42710 for jobs and searches) having left nothing behind. {@link #followUp}
 * applies what other processes wrote since (the engine's follower calls it as data arrives);
 * {@link #remoteChanges} counts the events of others that changed something, so the engine knows
 * when to start or stop views, jobs and searches. A process applies its own events once.
 * Thread-safe: changes are serialized; snapshots are immutable.
 */
public final class CatalogStore implements CatalogView {
    public static final String TOPIC = "__catalog";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final System.Logger LOG = System.getLogger(CatalogStore.class.getName());
    /** How long a create waits for another process to finish dropping the name before finishing it itself. */
    private static final long PENDING_DROP_WAIT_MS = 10_000;

    private final LogStore store;
    private final boolean shared;
    /** Guarded by this. */
    private final CatalogState state = new CatalogState();
    /** The next offset of the topic to read; guarded by this. */
    private long applied;
    private final AtomicLong remoteChanges = new AtomicLong();
    private volatile CatalogSnapshot current = CatalogSnapshot.EMPTY;
    private volatile Map<String, SearchDef> searches = Map.of();
    private volatile Map<String, JobDef> jobs = Map.of();

    private CatalogStore(LogStore store, boolean shared) {
        this.store = store;
        this.shared = shared;
    }

    /** Opens the catalog kept in {@code store}, creating its topic if needed, and replays it. */
    public static CatalogStore open(LogStore store) {
        return open(store, false);
    }

    /**
     * Opens the catalog; {@code shared}: other processes (a cluster's) write it too, so every change
     * is checked against theirs (see the class comment).
     */
    public static CatalogStore open(LogStore store, boolean shared) {
        store.createInternalTopicIfAbsent(TOPIC, TopicConfig.DEFAULT.withAll(Map.of(
                "partitions", "1", "cleanup.policy", CleanupPolicy.COMPACT.configName(), "retention.ms", "-1",
                "fsync", "every-batch", "segment.bytes", Integer.toString(16 * 1024 * 1024))));
        CatalogStore catalog = new CatalogStore(store, shared);
        catalog.replay();
        return catalog;
    }

    /** The catalog as it is now; unaffected by later changes. */
    public CatalogSnapshot snapshot() {
        return current;
    }

    @Override
    public Optional<RelationDef> find(String name) {
        return current.find(name);
    }

    @Override
    public Collection<RelationDef> all() {
        return current.all();
    }

    /** Adds a relation and creates its topic (see the class comment). */
    public synchronized void create(RelationDef relation) {
        relation = StorageFormats.forStore(relation, store);
        String topic = relation.storage().topic();
        catchUp();
        awaitPendingDrop(relation.name());
        if (current.find(relation.name()).isPresent()) {
            throw exists(current.find(relation.name()).get(), "");
        }
        Optional<RelationDef> sharing = current.findByTopic(topic);
        if (sharing.isPresent()) {
            throw new RunnelSqlException("42S01", "topic '" + topic + "' already stores " + kind(sharing.get()) + " '"
                    + sharing.get().name() + "'", null);
        }
        TopicConfig config = TopicSettings.forRelation(relation);
        boolean created;
        try {
            created = createOrAdopt(relation, topic, config);
        } catch (RuntimeException e) {
            if (shared) { // another process may have created the name (and its topic) meanwhile: that says more
                catchUp();
                Optional<RelationDef> winner = current.find(relation.name());
                if (winner.isPresent()) {
                    throw exists(winner.get(), " (another process of the cluster created it at the same time)");
                }
            }
            throw e;
        }
        byte[] key = CatalogEvents.key(relation.name());
        boolean won;
        try {
            won = write(Record.of(key, CatalogEvents.created(relation)));
        } catch (RuntimeException e) {
            if (created) {
                deleteQuietly(topic, e);
            }
            throw new RunnelSqlException("58000", "cannot record '" + relation.name() + "' in the catalog: "
                    + e.getMessage(), null, e);
        }
        if (!won) { // another process created the name first: its event stands, ours is undone
            LOG.log(System.Logger.Level.INFO, "another process of the cluster created '" + relation.name()
                    + "' first; undoing this create");
            RelationDef winner = current.find(relation.name()).orElseThrow();
            write(Record.of(key, CatalogEvents.created(winner)));
            if (!winner.storage().topic().equals(topic)) {
                if (created) {
                    deleteQuietly(topic, null);
                }
            } else if (!created) {
                store.alterTopicConfig(topic, withoutPartitions(TopicSettings.forRelation(winner)));
            }
            throw exists(winner, " (another process of the cluster created it at the same time)");
        }
    }

    /** Creates the relation's topic, or takes over an empty one of the right shape; true when created. */
    private boolean createOrAdopt(RelationDef relation, String topic, TopicConfig config) {
        if (store.topicExists(topic)) {
            adoptLeftover(relation, topic, config);
            return false;
        }
        try {
            store.createTopic(topic, config);
            return true;
        } catch (TopicExistsException e) {
            if (!shared) {
                throw cannotCreateTopic(relation, topic, e);
            }
            adoptLeftover(relation, topic, config); // another process of the cluster created it a moment ago
            return false;
        } catch (LogException e) {
            throw cannotCreateTopic(relation, topic, e);
        }
    }

    private static RunnelSqlException cannotCreateTopic(RelationDef relation, String topic, LogException e) {
        return new RunnelSqlException("42000", "cannot create topic '" + topic + "' for '" + relation.name() + "': "
                + e.getMessage(), null, e);
    }

    private static RunnelSqlException exists(RelationDef r, String why) {
        return new RunnelSqlException("42S01", kind(r) + " '" + r.name() + "' already exists" + why, null);
    }

    private void deleteQuietly(String topic, RuntimeException into) {
        try {
            store.deleteTopic(topic);
        } catch (RuntimeException cleanup) {
            if (into != null) {
                into.addSuppressed(cleanup);
            } else {
                LOG.log(System.Logger.Level.WARNING, "cannot delete topic " + topic + ": " + cleanup.getMessage());
            }
        }
    }

    /**
     * In a cluster, a name whose drop another process is finishing (topics being deleted) is waited
     * for; after {@link #PENDING_DROP_WAIT_MS} the drop is taken as crashed and finished here.
     */
    private void awaitPendingDrop(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PENDING_DROP_WAIT_MS);
        while (shared && state.dropping.containsKey(key) && System.nanoTime() < deadline) {
            try {
                wait(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunnelSqlException("57014", "interrupted while '" + name + "' is being dropped", null);
            }
            catchUp();
        }
        List<String> topics = state.dropping.get(key);
        if (topics != null) {
            finishDrop(key.getBytes(StandardCharsets.UTF_8), topics);
        }
    }

    /** Removes a relation and deletes its topic and dead-letter topic; returns what was dropped. */
    public synchronized RelationDef drop(String name) {
        catchUp();
        RelationDef r = current.find(name).orElseThrow(() -> new RunnelSqlException("42S02",
                "unknown stream, table or view '" + name + "'", null));
        List<String> topics = List.of(r.storage().topic(), TopicSettings.deadLetterTopic(r));
        byte[] key = CatalogEvents.key(r.name());
        boolean won;
        try {
            won = write(Record.of(key, CatalogEvents.dropping(topics)));
        } catch (RuntimeException e) {
            throw new RunnelSqlException("58000", "cannot record the drop of '" + r.name() + "' in the catalog: "
                    + e.getMessage(), null, e);
        }
        if (!won) {
            throw new RunnelSqlException("42S02", "unknown stream, table or view '" + name + "' (another process of"
                    + " the cluster dropped it at the same time)", null);
        }
        finishDrop(key, topics);
        return r;
    }

    private void finishDrop(byte[] key, List<String> topics) {
        for (String t : topics) {
            if (store.topicExists(t)) {
                try {
                    store.deleteTopic(t);
                } catch (UnknownTopicException e) {
                    // deleted by another process of the cluster meanwhile
                }
            }
        }
        write(new Record(key, null, Record.NO_TIMESTAMP, List.of()));
    }

    /** The recorded jobs, in the order they were first created. */
    public List<JobDef> jobs() {
        return List.copyOf(jobs.values());
    }

    public Optional<JobDef> job(String name) {
        return Optional.ofNullable(jobs.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Records a new job, event first; fails with 42710 when the name is taken (in a cluster also when
     * another process recorded it first at the same time, leaving nothing behind).
     */
    public synchronized void createJob(JobDef job) {
        catchUp();
        if (job(job.name()).isPresent()) {
            throw jobExists(job.name(), "");
        }
        byte[] key = CatalogEvents.jobKey(job.name());
        if (!record(Record.of(key, CatalogEvents.job(job, true)), "job '" + job.name() + "'")) {
            write(Record.of(key, CatalogEvents.job(job(job.name()).orElseThrow(), false)));
            throw jobExists(job.name(), " (another process of the cluster created it at the same time)");
        }
    }

    private static RunnelSqlException jobExists(String name, String why) {
        return new RunnelSqlException("42710", "job '" + name + "' already exists" + why + " (DROP JOB " + name
                + " first to start it again)", null);
    }

    /** Records a change of a job (STOP JOB), event first. */
    public synchronized void putJob(JobDef job) {
        catchUp();
        record(Record.of(CatalogEvents.jobKey(job.name()), CatalogEvents.job(job, false)), "job '" + job.name() + "'");
    }

    /** Forgets a job (a tombstone). */
    public synchronized void dropJob(String name) {
        catchUp();
        write(new Record(CatalogEvents.jobKey(name), null, Record.NO_TIMESTAMP, List.of()));
    }

    /** The standing searches, in the order they were created. */
    public List<SearchDef> searches() {
        return List.copyOf(searches.values());
    }

    public Optional<SearchDef> search(String name) {
        return Optional.ofNullable(searches.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Records a new standing search, event first; 42710 when the name is taken (see {@link #createJob}). */
    public synchronized void putSearch(SearchDef search) {
        catchUp();
        if (search(search.name()).isPresent()) {
            throw searchExists(search.name(), "");
        }
        byte[] key = CatalogEvents.searchKey(search.name());
        if (!record(Record.of(key, CatalogEvents.search(search)), "search '" + search.name() + "'")) {
            write(Record.of(key, CatalogEvents.search(search(search.name()).orElseThrow())));
            throw searchExists(search.name(), " (another process of the cluster created it at the same time)");
        }
    }

    private static RunnelSqlException searchExists(String name, String why) {
        return new RunnelSqlException("42710", "search '" + name + "' already exists" + why + " (DROP SEARCH " + name
                + " first to change it)", null);
    }

    /** Forgets a standing search (a tombstone). */
    public synchronized void dropSearch(String name) {
        catchUp();
        write(new Record(CatalogEvents.searchKey(name), null, Record.NO_TIMESTAMP, List.of()));
    }

    /** Writes an event ({@link #write}); a failure to write is 58000 naming {@code what}. */
    private boolean record(Record r, String what) {
        try {
            return write(r);
        } catch (RuntimeException e) {
            throw new RunnelSqlException("58000", "cannot record " + what + " in the catalog: " + e.getMessage(), null,
                    e);
        }
    }

    /**
     * Applies what other processes wrote since this catalog last read the topic; returns at once when
     * nothing is new. What the engine's follower calls when data arrives.
     */
    public synchronized void followUp() {
        catchUp();
    }

    /** The next offset of {@value #TOPIC} this catalog will read: where a follower waits for data. */
    public synchronized long nextOffset() {
        return applied;
    }

    /** The topic partition the catalog lives in. */
    public static TopicPartition partition() {
        return TP;
    }

    /** How many events written by other processes have changed this catalog since it was opened. */
    public long remoteChanges() {
        return remoteChanges.get();
    }

    /** Takes over a topic that exists (see {@link TopicAdoption}); in a cluster, once it is describable. */
    private void adoptLeftover(RelationDef relation, String topic, TopicConfig config) {
        describeSettled(topic);
        TopicAdoption.adopt(store, relation, topic, config);
    }

    /**
     * Describes a topic; in a cluster, one that another process is creating right now may not be
     * describable yet (no leaders), so that is retried for up to 5 s.
     */
    private TopicDescription describeSettled(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                return store.describeTopic(topic);
            } catch (UnknownTopicException e) {
                if (!shared || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Map<String, String> withoutPartitions(TopicConfig config) {
        Map<String, String> m = new java.util.HashMap<>(config.toMap());
        m.remove("partitions");
        return m;
    }

    /**
     * Appends one event and applies it; returns whether it changed the catalog (false: another
     * process's event for the same name came first). Shared, it reads the topic on through the event,
     * applying the others' events before it; alone, nobody else writes, so it applies it at once.
     */
    private boolean write(Record r) {
        List<AppendResult> results = store.append(TP, List.of(r));
        long at = results.get(results.size() - 1).lastOffset();
        if (!shared) {
            boolean changed = state.apply(TP, at, r.key(), r.value());
            applied = at + 1;
            publish();
            return changed;
        }
        return readTo(at + 1, at);
    }

    /** Reads and applies the topic up to its current end. */
    private void catchUp() {
        if (shared) {
            readTo(store.logEndOffset(TP), -1);
        }
    }

    /**
     * Reads and applies events from {@link #applied} up to {@code end}; returns whether the event at
     * {@code mine} (this process's; -1: none) changed the catalog. The others' events that do are
     * counted in {@link #remoteChanges}.
     */
    private boolean readTo(long end, long mine) {
        boolean mineChanged = mine < 0;
        long pos = Math.max(applied, store.logStartOffset(TP));
        try {
            while (pos < end) {
                FetchResult f = store.read(TP, pos, 1024 * 1024);
                if (f.isEmpty()) {
                    break;
                }
                for (RecordBatch b : f) {
                    if (b.isPayload()) {
                        continue;
                    }
                    RecordCursor c = b.records();
                    while (c.next()) {
                        if (c.offset() < pos || c.keyLength() < 0) {
                            continue;
                        }
                        boolean changed = state.apply(TP, c.offset(), c.keyBytes(),
                                c.isTombstone() ? null : c.valueBytes());
                        if (c.offset() == mine) {
                            mineChanged = changed;
                        } else if (changed) {
                            remoteChanges.incrementAndGet();
                        }
                        pos = c.offset() + 1;
                    }
                }
                pos = Math.max(pos, f.nextOffset());
            }
        } finally {
            applied = Math.max(applied, pos);
            publish();
        }
        return mineChanged;
    }

    private void publish() {
        current = state.snapshot;
        jobs = state.jobs;
        searches = state.searches;
    }

    private void replay() {
        synchronized (this) {
            readTo(store.logEndOffset(TP), -1);
            remoteChanges.set(0);
            if (shared) { // another process may be dropping them right now; a create of the name finishes them
                return;
            }
            new java.util.LinkedHashMap<>(state.dropping).forEach((key, topics) -> {
                LOG.log(System.Logger.Level.INFO, "finishing the interrupted drop of '" + key + "': deleting "
                        + topics);
                finishDrop(key.getBytes(StandardCharsets.UTF_8), topics);
            });
        }
    }

    private static String kind(RelationDef r) {
        return r.kind() == RelationKind.MATERIALIZED_VIEW ? "materialized view"
                : r.kind().name().toLowerCase(Locale.ROOT);
    }
}
