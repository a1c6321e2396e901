package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.CatalogSnapshot;
import dev.runnel.exec.catalog.CatalogStore;
import dev.runnel.log.LogException;
import dev.runnel.log.LogStore;
import dev.runnel.log.LogStores;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaStoreOptions;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The embedded engine: one {@link LogStore} (durable in a data directory, or in a private
 * temporary directory for in-memory engines), the catalog replayed from it, an Arrow root allocator,
 * and the threads that run queries. Thread-safe.
 */
final class RunnelEngine implements Engine {
    private static final System.Logger LOG = System.getLogger(RunnelEngine.class.getName());

    private final EngineConfig config;
    private final Path tempDir;
    private final Path dataDir;
    private final LogStore log;
    private final CatalogStore catalog;
    private final BufferAllocator allocator;
    private final ExecutorService queryThreads;
    private final Set<RunnelSession> sessions = ConcurrentHashMap.newKeySet();
    private final Jobs jobs;
    private final Views views;
    private final Searches searches;
    private final ScanDeadLetters scanDeadLetters;
    private final long started;
    /** In a cluster: this process's membership and the catalog's follower (null: standalone). */
    private volatile ClusterProcess cluster;
    private volatile CatalogFollower follower;
    /** Held on the local directory of an engine on Kafka (null otherwise). */
    private volatile LocalDirLock dirLock;
    private volatile boolean closed;

    private RunnelEngine(EngineConfig config, Path tempDir, LogStore log) {
        this.config = config;
        this.tempDir = tempDir;
        this.dataDir = tempDir != null ? tempDir : config.dataDir();
        this.log = log;
        this.catalog = CatalogStore.open(log, config.inCluster());
        this.allocator = new RootAllocator(Long.MAX_VALUE);
        AtomicInteger n = new AtomicInteger();
        this.queryThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runnel-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.jobs = new Jobs(this);
        this.views = new Views(this);
        this.searches = new Searches(this);
        this.scanDeadLetters = new ScanDeadLetters(log, ScanDeadLetters.byTopic(this));
        this.started = config.clock().millis();
    }

    static Engine open(EngineConfig config) {
        Path dir = config.dataDir();
        Path temp = null;
        try {
            if (config.inMemory()) {
                temp = Files.createTempDirectory("runnel-mem-");
                dir = temp;
            }
            LocalDirLock lock = config.onKafka() && temp == null ? LocalDirLock.take(dir) : null;
            LogStore store;
            try {
                store = config.onKafka() ? openKafka(config)
                        : LogStores.openEmbedded(dir, config.clock(), config.backgroundThreads());
            } catch (RuntimeException e) {
                if (lock != null) {
                    lock.close();
                }
                throw e;
            }
            RunnelEngine engine = null;
            try {
                if (config.onKafka()) {
                    DeploymentIdentity.claim(store, config.kafka().namespace(), config.cluster());
                }
                engine = new RunnelEngine(config, temp, store);
                engine.dirLock = lock;
                if (config.inCluster()) {
                    engine.cluster = ClusterProcess.join(config.cluster().get(), store, engine.started);
                    engine.jobs.joinCluster(engine.cluster);
                }
                engine.views.startAll();
                engine.searches.loadAll();
                engine.jobs.startAll();
                if (config.inCluster()) {
                    engine.follower = CatalogFollower.start(engine);
                }
                return engine;
            } catch (RuntimeException e) {
                if (engine != null) {
                    engine.close(); // closes the store too
                } else {
                    store.close();
                    if (lock != null) {
                        lock.close();
                    }
                }
                throw e;
            }
        } catch (IOException | LogException e) {
            deleteQuietly(temp);
            if (config.onKafka()) {
                throw new RunnelSqlException("08001", "cannot open the engine on Kafka at "
                        + config.kafka().bootstrap() + ": " + e.getMessage(), SourcePos.UNKNOWN, e);
            }
            throw new RunnelSqlException("58000", "cannot open the engine in " + dir + ": " + e.getMessage(),
                    SourcePos.UNKNOWN, e);
        }
    }

    /** The log in a Kafka cluster (see {@link KafkaBackend}); producer time from the engine's clock. */
    private static LogStore openKafka(EngineConfig config) {
        KafkaBackend k = config.kafka();
        return KafkaLogStore.open(KafkaStoreOptions.of(k.bootstrap()).withNamespace(k.namespace())
                .withConnectRetries(k.connectAttempts(), k.connectBackoffMs()).withConnectTimeoutMs(k.connectTimeoutMs())
                .withReplication(k.replication()).withRequestTimeoutMs(k.requestTimeoutMs())
                .withClock(config.clock()));
    }

    /**
     * Brings views, searches and jobs in line with the catalog after another process of the cluster
     * changed it (called by the {@link CatalogFollower}).
     */
    void reconcile() {
        synchronized (reconciling) {
            if (closed) {
                return;
            }
            views.reconcile();
            searches.reconcile();
            jobs.reconcile();
        }
    }

    private final Object reconciling = new Object();
    private long reconciledChanges;

    /**
     * In a cluster, reads what other processes wrote to the catalog now (not waiting for the
     * follower) and reconciles; returns whether the catalog changed. A statement that failed to plan
     * tries again when it did, so DDL made elsewhere before a statement began is seen by it. False
     * at once when standalone.
     */
    boolean catchUpWithCluster() {
        if (cluster == null || closed) {
            return false;
        }
        long before = catalog.snapshot().version();
        catalog.followUp();
        long changes = catalog.remoteChanges();
        synchronized (reconciling) {
            if (changes != reconciledChanges) {
                reconciledChanges = changes;
                reconcile();
            }
        }
        return catalog.snapshot().version() != before;
    }

    /** This process in its cluster, or null when standalone. */
    ClusterProcess cluster() {
        return cluster;
    }

    /** When the engine opened (its clock). */
    long started() {
        return started;
    }

    private volatile int servingPort;

    int servingPort() {
        return servingPort;
    }

    @Override
    public void serving(int port) {
        servingPort = port;
        ClusterProcess c = cluster;
        if (c != null) {
            c.serving(port);
        }
    }

    @Override
    public Session openSession() {
        ensureOpen();
        RunnelSession s = new RunnelSession(this);
        sessions.add(s);
        return s;
    }

    @Override
    public CatalogSnapshot catalog() {
        return catalog.snapshot();
    }

    /** Where this engine keeps its files (a private temporary directory for an in-memory engine). */
    Path dataDir() {
        return dataDir;
    }

    CatalogStore catalogStore() {
        return catalog;
    }

    @Override
    public LogStore log() {
        return log;
    }

    BufferAllocator allocator() {
        return allocator;
    }

    Jobs jobs() {
        return jobs;
    }

    Searches searches() {
        return searches;
    }

    /** Where jobs and views send the records they cannot decode (see {@link ScanDeadLetters}). */
    ScanDeadLetters scanDeadLetters() {
        return scanDeadLetters;
    }

    Views views() {
        return views;
    }

    ExecutorService queryThreads() {
        return queryThreads;
    }

    EngineConfig config() {
        return config;
    }

    void sessionClosed(RunnelSession s) {
        sessions.remove(s);
    }

    void ensureOpen() {
        if (closed) {
            throw new RunnelSqlException("08003", "the engine is closed", SourcePos.UNKNOWN);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        CatalogFollower f = follower;
        if (f != null) {
            f.close();
        }
        for (RunnelSession s : sessions.toArray(new RunnelSession[0])) {
            s.close();
        }
        jobs.shutdown();
        ClusterProcess c = cluster;
        if (c != null) {
            c.close();
        }
        views.shutdown();
        queryThreads.shutdownNow();
        try {
            queryThreads.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
        try {
            allocator.close();
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "Arrow memory still allocated at engine close: " + e.getMessage());
        }
        deleteQuietly(tempDir);
        LocalDirLock l = dirLock;
        if (l != null) {
            l.close();
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + root + ": " + e.getMessage());
        }
    }
}
