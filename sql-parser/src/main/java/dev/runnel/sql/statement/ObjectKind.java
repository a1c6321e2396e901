package dev.runnel.sql.statement;

/** What a DROP names. */
public enum ObjectKind {
    STREAM,
    TABLE,
    MATERIALIZED_VIEW,
    TOPIC,
    JOB,
    SEARCH
}
