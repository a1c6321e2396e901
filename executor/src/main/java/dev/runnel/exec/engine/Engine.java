package dev.runnel.exec.engine;

import dev.runnel.log.LogStore;
import dev.runnel.planner.catalog.CatalogView;

/**
 * A running Runnel: the log, the catalog, and the jobs and queries over them. Obtain one with
 * {@link Engines#open}. Thread-safe: any number of sessions may run statements concurrently.
 */
public interface Engine extends AutoCloseable {

    /** A new session with default settings. */
    Session openSession();

    /** The current catalog (an immutable snapshot). */
    CatalogView catalog();

    /** The log the engine stores everything in. */
    LogStore log();

    /**
     * Tells the engine that it serves JDBC clients on {@code port}, so that the other processes of
     * its cluster list it with that port in SHOW CLUSTER. Nothing happens in a standalone engine.
     */
    default void serving(int port) {}

    /** Stops running queries, closes the log cleanly. Idempotent. */
    @Override
    void close();
}
