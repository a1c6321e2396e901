package dev.runnel.exec.catalog;

import dev.runnel.log.CleanupPolicy;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogException;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
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
 * Thread-safe: changes are serialized; snapshots are immutable.
 */
public final class CatalogStore implements CatalogView {
    public static final String TOPIC = "__catalog";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final System.Logger LOG = System.getLogger(CatalogStore.class.getName());

    private final LogStore store;
    private volatile CatalogSnapshot current = CatalogSnapshot.EMPTY;
    /** Standing searches by lower-case name, in creation order; replaced whole on change. */
    private volatile Map<String, SearchDef> searches = Map.of();
    /** Persistent jobs by lower-case name, in creation order; replaced whole on change. */
    private volatile Map<String, JobDef> jobs = Map.of();

    private CatalogStore(LogStore store) {
        this.store = store;
    }

    /** Opens the catalog kept in {@code store}, creating its topic if needed, and replays it. */
    public static CatalogStore open(LogStore store) {
        store.createInternalTopicIfAbsent(TOPIC, TopicConfig.DEFAULT.withAll(Map.of(
                "partitions", "1", "cleanup.policy", CleanupPolicy.COMPACT.configName(), "retention.ms", "-1",
                "fsync", "every-batch", "segment.bytes", Integer.toString(16 * 1024 * 1024))));
        CatalogStore catalog = new CatalogStore(store);
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
        if (current.find(relation.name()).isPresent()) {
            throw new RunnelSqlException("42S01", kind(current.find(relation.name()).get()) + " '"
                    + current.find(relation.name()).get().name() + "' already exists", null);
        }
        Optional<RelationDef> sharing = current.findByTopic(topic);
        if (sharing.isPresent()) {
            throw new RunnelSqlException("42S01", "topic '" + topic + "' already stores " + kind(sharing.get()) + " '"
                    + sharing.get().name() + "'", null);
        }
        TopicConfig config = TopicSettings.forRelation(relation);
        boolean created = false;
        if (store.topicExists(topic)) {
            TopicAdoption.adopt(store, relation, topic, config);
        } else {
            try {
                store.createTopic(topic, config);
                created = true;
            } catch (LogException e) {
                throw new RunnelSqlException("42000", "cannot create topic '" + topic + "' for '" + relation.name()
                        + "': " + e.getMessage(), null, e);
            }
        }
        try {
            append(Record.of(CatalogEvents.key(relation.name()), CatalogEvents.created(relation)));
        } catch (RuntimeException e) {
            if (created) {
                try {
                    store.deleteTopic(topic);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw new RunnelSqlException("58000", "cannot record '" + relation.name() + "' in the catalog: "
                    + e.getMessage(), null, e);
        }
        current = current.with(relation);
    }

    /** Removes a relation and deletes its topic and dead-letter topic; returns what was dropped. */
    public synchronized RelationDef drop(String name) {
        RelationDef r = current.find(name).orElseThrow(() -> new RunnelSqlException("42S02",
                "unknown stream, table or view '" + name + "'", null));
        List<String> topics = List.of(r.storage().topic(), TopicSettings.deadLetterTopic(r));
        byte[] key = CatalogEvents.key(r.name());
        try {
            append(Record.of(key, CatalogEvents.dropping(topics)));
        } catch (RuntimeException e) {
            throw new RunnelSqlException("58000", "cannot record the drop of '" + r.name() + "' in the catalog: "
                    + e.getMessage(), null, e);
        }
        current = current.without(r.name());
        finishDrop(key, topics);
        return r;
    }

    private void finishDrop(byte[] key, List<String> topics) {
        for (String t : topics) {
            if (store.topicExists(t)) {
                store.deleteTopic(t);
            }
        }
        append(new Record(key, null, Record.NO_TIMESTAMP, List.of()));
    }

    /** The recorded jobs, in the order they were first created. */
    public List<JobDef> jobs() {
        return List.copyOf(jobs.values());
    }

    public Optional<JobDef> job(String name) {
        return Optional.ofNullable(jobs.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Records a job (new, or a changed state), event first. */
    public synchronized void putJob(JobDef job) {
        try {
            append(Record.of(CatalogEvents.jobKey(job.name()), CatalogEvents.job(job)));
        } catch (RuntimeException e) {
            throw new RunnelSqlException("58000", "cannot record job '" + job.name() + "' in the catalog: "
                    + e.getMessage(), null, e);
        }
        Map<String, JobDef> m = new java.util.LinkedHashMap<>(jobs);
        m.put(job.name().toLowerCase(Locale.ROOT), job);
        jobs = java.util.Collections.unmodifiableMap(m);
    }

    /** Forgets a job (a tombstone). */
    public synchronized void dropJob(String name) {
        append(new Record(CatalogEvents.jobKey(name), null, Record.NO_TIMESTAMP, List.of()));
        Map<String, JobDef> m = new java.util.LinkedHashMap<>(jobs);
        m.remove(name.toLowerCase(Locale.ROOT));
        jobs = java.util.Collections.unmodifiableMap(m);
    }

    /** The standing searches, in the order they were created. */
    public List<SearchDef> searches() {
        return List.copyOf(searches.values());
    }

    public Optional<SearchDef> search(String name) {
        return Optional.ofNullable(searches.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Records a standing search, event first. */
    public synchronized void putSearch(SearchDef search) {
        try {
            append(Record.of(CatalogEvents.searchKey(search.name()), CatalogEvents.search(search)));
        } catch (RuntimeException e) {
            throw new RunnelSqlException("58000", "cannot record search '" + search.name() + "' in the catalog: "
                    + e.getMessage(), null, e);
        }
        Map<String, SearchDef> m = new java.util.LinkedHashMap<>(searches);
        m.put(search.name().toLowerCase(Locale.ROOT), search);
        searches = java.util.Collections.unmodifiableMap(m);
    }

    /** Forgets a standing search (a tombstone). */
    public synchronized void dropSearch(String name) {
        append(new Record(CatalogEvents.searchKey(name), null, Record.NO_TIMESTAMP, List.of()));
        Map<String, SearchDef> m = new java.util.LinkedHashMap<>(searches);
        m.remove(name.toLowerCase(Locale.ROOT));
        searches = java.util.Collections.unmodifiableMap(m);
    }

    /** Takes over a topic only if it is empty with the right partition count (a crashed create's). */
    private void append(Record r) {
        store.append(TP, List.of(r));
    }

    private void replay() {
        CatalogSnapshot s = CatalogSnapshot.EMPTY;
        Map<String, List<String>> dropping = new java.util.LinkedHashMap<>();
        Map<String, JobDef> jobDefs = new java.util.LinkedHashMap<>();
        Map<String, SearchDef> searchDefs = new java.util.LinkedHashMap<>();
        long pos = store.logStartOffset(TP);
        long end = store.logEndOffset(TP);
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
                    String key = new String(c.keyBytes(), StandardCharsets.UTF_8);
                    if (key.startsWith(CatalogEvents.SEARCH_KEY_PREFIX)) {
                        String searchKey = key.substring(CatalogEvents.SEARCH_KEY_PREFIX.length());
                        if (c.isTombstone()) {
                            searchDefs.remove(searchKey);
                        } else if (CatalogEvents.decode(c.valueBytes()) instanceof CatalogEvents.Search found) {
                            searchDefs.put(searchKey, found.search());
                        }
                        continue;
                    }
                    if (key.startsWith(CatalogEvents.JOB_KEY_PREFIX)) {
                        String jobKey = key.substring(CatalogEvents.JOB_KEY_PREFIX.length());
                        if (c.isTombstone()) {
                            jobDefs.remove(jobKey);
                        } else if (CatalogEvents.decode(c.valueBytes()) instanceof CatalogEvents.Job j) {
                            jobDefs.put(jobKey, j.job());
                        }
                        continue;
                    }
                    if (c.isTombstone()) {
                        s = s.without(key);
                        dropping.remove(key);
                        continue;
                    }
                    CatalogEvents.Event event;
                    try {
                        event = CatalogEvents.decode(c.valueBytes());
                    } catch (IllegalArgumentException e) {
                        throw new RunnelSqlException("58000", "the catalog event at " + TP + "@" + c.offset()
                                + " for '" + key + "' cannot be read: " + e.getMessage(), null, e);
                    }
                    if (event instanceof CatalogEvents.Created created) {
                        s = s.with(created.relation());
                        dropping.remove(key);
                    } else if (event instanceof CatalogEvents.Dropping d) {
                        s = s.without(key);
                        dropping.put(key, d.topics());
                    }
                }
            }
            pos = Math.max(pos + 1, f.nextOffset());
        }
        current = s;
        jobs = java.util.Collections.unmodifiableMap(jobDefs);
        searches = java.util.Collections.unmodifiableMap(searchDefs);
        dropping.forEach((key, topics) -> {
            LOG.log(System.Logger.Level.INFO, "finishing the interrupted drop of '" + key + "': deleting " + topics);
            finishDrop(key.getBytes(StandardCharsets.UTF_8), topics);
        });
    }

    private static String kind(RelationDef r) {
        return r.kind() == RelationKind.MATERIALIZED_VIEW ? "materialized view"
                : r.kind().name().toLowerCase(Locale.ROOT);
    }
}
