package dev.runnel.log.cli;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The store one CLI command works on, closed when the command ends or, on Ctrl-C, by a shutdown
 * hook: the hook asks the command to stop ({@link #stopping()}), gives it a moment to finish (so a
 * consumer can commit its offsets), then closes the store cleanly. Thread-safe.
 */
final class StoreSession implements AutoCloseable {
    private static final long STOP_GRACE_MS = 3000;

    private final EmbeddedLogStore store;
    private final boolean owned;
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    private StoreSession(EmbeddedLogStore store, boolean owned) {
        this.store = store;
        this.owned = owned;
        if (owned) {
            hook = new Thread(this::onShutdown, "runnel-log-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /** Opens the store in {@code dir}; it is closed by {@link #close} or at JVM shutdown. */
    static StoreSession open(Path dir) {
        return new StoreSession(EmbeddedLogStore.open(StoreOptions.at(dir)), true);
    }

    /** Uses a store someone else opened and will close. */
    static StoreSession borrow(EmbeddedLogStore store) {
        return new StoreSession(store, false);
    }

    EmbeddedLogStore store() {
        return store;
    }

    /** True once the process is shutting down: long-running commands should wind up. */
    boolean stopping() {
        return stopping;
    }

    private void onShutdown() {
        stopping = true;
        try {
            finished.await(STOP_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    @Override
    public void close() {
        try {
            if (owned) {
                store.close();
            }
        } finally {
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it finds the store closed
                }
            }
        }
    }
}
