package dev.runnel.sql.statement;

/** What a SHOW lists. */
public enum ShowKind {
    STREAMS,
    TABLES,
    MATERIALIZED_VIEWS,
    TOPICS,
    JOBS,
    /** {@code SHOW SEARCHES}: the standing searches. */
    SEARCHES,
    CONSUMER_GROUPS,
    /** {@code SHOW SETTINGS}: the session's SET options. */
    SETTINGS,
    /** {@code SHOW CLUSTER}: the live processes of the engine's cluster (or the engine itself, standalone). */
    CLUSTER
}
