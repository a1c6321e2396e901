package dev.runnel.planner;

import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.physical.PhysicalNode;
import dev.runnel.sql.statement.ObjectKind;
import dev.runnel.sql.statement.ShowKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the planner hands the executor for one statement: validated, names resolved, types
 * checked. The executor switches over the permitted records without a default branch. Immutable.
 */
public sealed interface PlannedStatement {

    /** CREATE STREAM / CREATE TABLE: the complete catalog entry to add (topic created by the executor). */
    record CreateRelation(RelationDef relation, boolean ifNotExists) implements PlannedStatement {}

    /** DROP ...: {@code relation} is empty when IF EXISTS named nothing. */
    record Drop(ObjectKind kind, String name, Optional<RelationDef> relation, boolean ifExists, boolean cascade)
            implements PlannedStatement {}

    record Show(ShowKind kind) implements PlannedStatement {}

    /** DESCRIBE name (relation present) or DESCRIBE TOPIC name. */
    record Describe(String name, boolean topic, Optional<RelationDef> relation) implements PlannedStatement {}

    /** EXPLAIN: the plan rendered as text lines. */
    record Explain(List<String> lines) implements PlannedStatement {}

    /** SET key = value (value null = RESET). Keys are validated against the known settings. */
    record Set(String key, String value) implements PlannedStatement {}

    /**
     * INSERT: {@code source} produces rows whose columns are exactly the target's payload columns,
     * in order and type (the planner casts and fills NULLs for omitted columns).
     */
    record Insert(RelationDef target, PhysicalNode source, int parameterCount) implements PlannedStatement {}

    /** COPY target FROM path WITH (options): options validated and normalized (lower-case keys). */
    record Copy(RelationDef target, String path, Map<String, String> options) implements PlannedStatement {}

    /** A query: {@code stream} for SELECT STREAM (unbounded). */
    record Query(PhysicalNode root, boolean stream, int parameterCount) implements PlannedStatement {}

    /**
     * CREATE JOB (or {@code INSERT ... SELECT STREAM}, then {@code name} is null and the executor
     * names the job): {@code insert} is planned; the executor runs it over unbounded scans and
     * re-plans {@code sql} when it restarts the job. {@code scanStart} is where the job first reads
     * (the session's {@code scan.start}), for partitions without a committed offset.
     */
    record CreateJob(String name, Insert insert, String sql, String scanStart, boolean ifNotExists)
            implements PlannedStatement {}

    /**
     * CREATE MATERIALIZED VIEW: the view's catalog entry (kind MATERIALIZED_VIEW, columns, key — empty
     * for a view kept as whole rows with multiplicities — and its changelog topic), its query planned
     * to run continuously, and the relations it reads (what a DROP must not take from under it).
     */
    record CreateView(RelationDef view, PhysicalNode query, List<String> reads, boolean ifNotExists)
            implements PlannedStatement {}

    /**
     * CREATE SEARCH: {@code condition} is over {@code stream}'s full row (payload, then metadata
     * columns); {@code conditionSql} is the condition as written, {@code sql} the whole statement.
     */
    record CreateSearch(String name, RelationDef stream, dev.runnel.planner.expr.Expr condition, String conditionSql,
            String sql, boolean ifNotExists) implements PlannedStatement {}

    /** STOP JOB name. */
    record StopJob(String name) implements PlannedStatement {}
}
