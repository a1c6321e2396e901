package dev.runnel.planner.catalog;

/** What a catalog entry is: an append-only stream, a changelog table keyed by its primary key, or a view. */
public enum RelationKind {
    STREAM,
    TABLE,
    MATERIALIZED_VIEW
}
