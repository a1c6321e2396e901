package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.CatalogStore;
import java.util.Map;

/**
 * Follows the shared catalog of a cluster: a thread that waits for new events in
 * {@code __catalog} (the log's long poll, no busy loop), applies the other processes' events
 * ({@link CatalogStore#followUp}) and, when they changed something, brings this engine in line
 * ({@link RunnelEngine#catchUpWithCluster}: views, searches, jobs start or stop). Changes made here are applied when made
 * and not again when read back. Thread-safe.
 */
final class CatalogFollower implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CatalogFollower.class.getName());
    /** How long one wait for new events lasts. */
    private static final long WAIT_MS = 250;

    private final CatalogStore catalog;
    private final RunnelEngine engine;
    private final Thread thread;
    private volatile boolean closed;

    private CatalogFollower(RunnelEngine engine) {
        this.engine = engine;
        this.catalog = engine.catalogStore();
        this.thread = new Thread(this::run, "runnel-catalog-follower");
        thread.setDaemon(true);
    }

    static CatalogFollower start(RunnelEngine engine) {
        CatalogFollower f = new CatalogFollower(engine);
        f.thread.start();
        return f;
    }

    private void run() {
        while (!closed) {
            try {
                engine.log().awaitData(Map.of(CatalogStore.partition(), catalog.nextOffset()), WAIT_MS);
                if (closed) {
                    return;
                }
                engine.catchUpWithCluster();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "following the catalog: " + e.getMessage(), e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Stops following (engine close); returns once the thread has ended. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
