package dev.runnel.exec.engine;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicDescription;
import dev.runnel.log.UnknownTopicException;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.ShowKind;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The rows of SHOW, DESCRIBE and EXPLAIN, computed from the catalog and the log. Stateless. */
final class CatalogRows {
    private static final DataType TEXT = DataType.varchar();
    private static final DataType INT = DataType.of(TypeKind.INT);
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);

    static final List<Column> STREAMS = cols("name", TEXT, "topic", TEXT, "partitions", INT, "format", TEXT, "key",
            TEXT, "watermark", TEXT, "columns", INT);
    static final List<Column> TABLES = cols("name", TEXT, "topic", TEXT, "partitions", INT, "format", TEXT,
            "primary_key", TEXT, "columns", INT);
    static final List<Column> VIEWS = cols("name", TEXT, "key", TEXT, "columns", INT, "state", TEXT, "reason", TEXT,
            "rows", BIGINT, "lag", BIGINT, "changes", BIGINT, "state_bytes", BIGINT, "reads", TEXT, "checkpoint", BIGINT,
            "checkpoint_age_ms", BIGINT, "checkpoint_bytes", BIGINT, "checkpoint_pause_ms", BIGINT, "restored_from",
            BIGINT);
    static final List<Column> TOPICS = cols("topic", TEXT, "partitions", INT, "records", BIGINT, "bytes", BIGINT,
            "cleanup_policy", TEXT, "internal", BOOL);
    static final List<Column> JOBS = cols("job", TEXT, "state", TEXT, "reason", TEXT, "query", TEXT, "offsets", TEXT,
            "lag", BIGINT, "watermark", TEXT, "rows_in", BIGINT, "rows_out", BIGINT, "late_rows", BIGINT,
            "state_bytes", BIGINT);
    static final List<Column> SEARCHES = cols("search", TEXT, "stream", TEXT, "condition", TEXT, "matches_into",
            TEXT, "access_path", TEXT);
    static final List<Column> GROUPS = cols("group_id", TEXT, "topic", TEXT, "partition", INT, "committed_offset",
            BIGINT, "end_offset", BIGINT, "lag", BIGINT, "members", INT);
    static final List<Column> SETTINGS = cols("key", TEXT, "value", TEXT);
    static final List<Column> CLUSTER = cols("cluster", TEXT, "process", TEXT, "host", TEXT, "pid", BIGINT, "port", INT,
            "started", TEXT, "this_process", BOOL, "jobs", TEXT, "view_tasks", TEXT,
            "job_tasks", TEXT);
    static final List<Column> DESCRIBE = cols("name", TEXT, "type", TEXT, "nullable", BOOL, "key", BOOL, "extra", TEXT);
    static final List<Column> DESCRIBE_TOPIC = cols("partition", INT, "start_offset", BIGINT, "end_offset", BIGINT,
            "bytes", BIGINT, "segments", INT);
    static final List<Column> EXPLAIN = cols("plan", TEXT);

    private CatalogRows() {}

    static List<Column> columnsOf(PlannedStatement planned) {
        if (planned instanceof PlannedStatement.Show s) {
            return showColumns(s.kind());
        }
        if (planned instanceof PlannedStatement.Describe d) {
            return d.topic() ? DESCRIBE_TOPIC : DESCRIBE;
        }
        if (planned instanceof PlannedStatement.Explain) {
            return EXPLAIN;
        }
        return List.of();
    }

    static List<Column> showColumns(ShowKind kind) {
        return switch (kind) {
            case STREAMS -> STREAMS;
            case TABLES -> TABLES;
            case MATERIALIZED_VIEWS -> VIEWS;
            case TOPICS -> TOPICS;
            case JOBS -> JOBS;
            case SEARCHES -> SEARCHES;
            case CONSUMER_GROUPS -> GROUPS;
            case SETTINGS -> SETTINGS;
            case CLUSTER -> CLUSTER;
        };
    }

    static RowResult show(ShowKind kind, RunnelEngine engine, Map<String, String> settings) {
        List<Object[]> rows = new ArrayList<>();
        switch (kind) {
            case MATERIALIZED_VIEWS -> rows.addAll(ViewRows.rows(engine.views(), engine));
            case STREAMS, TABLES -> {
                RelationKind want = kind == ShowKind.STREAMS ? RelationKind.STREAM : RelationKind.TABLE;
                for (RelationDef r : engine.catalog().all()) {
                    if (r.kind() != want) {
                        continue;
                    }
                    String keys = keyNames(r, r.kind() == RelationKind.TABLE ? r.primaryKey() : r.storage().keyColumns());
                    if (kind == ShowKind.STREAMS) {
                        String wm = r.watermark().map(w -> r.columns().get(w.column()).name() + " - "
                                + w.delayMillis() + " ms").orElse(null);
                        rows.add(new Object[] {r.name(), r.storage().topic(), r.storage().partitions(),
                            r.storage().format().sqlName(), keys, wm, r.columns().size()});
                    } else {
                        rows.add(new Object[] {r.name(), r.storage().topic(), r.storage().partitions(),
                            r.storage().format().sqlName(), keys, r.columns().size()});
                    }
                }
            }
            case TOPICS -> {
                LogStore log = engine.log();
                for (String t : log.listTopics()) {
                    TopicDescription d = describeQuietly(log, t);
                    if (d != null) {
                        rows.add(new Object[] {t, d.partitions().size(), d.totalRecordsSpan(), d.totalBytes(),
                            d.config().cleanupPolicy().configName(), d.internal()});
                    }
                }
            }
            case JOBS -> rows.addAll(engine.jobs().rows());
            case SEARCHES -> rows.addAll(engine.searches().rows());
            case CONSUMER_GROUPS -> {
                for (ConsumerGroups.GroupDescription d : engine.log().groups().describeAll()) {
                    for (ConsumerGroups.PartitionLag lag : d.offsets()) {
                        rows.add(new Object[] {d.groupId(), lag.partition().topic(), lag.partition().partition(),
                            lag.committedOffset(), lag.logEndOffset(), lag.lag(), d.members().size()});
                    }
                }
            }
            case SETTINGS -> settings.forEach((k, v) -> rows.add(new Object[] {k, v}));
            case CLUSTER -> {
                ClusterProcess c = engine.cluster();
                if (c == null) {
                    rows.add(ClusterProcess.standaloneRow(engine.started(), engine.servingPort(),
                            engine.jobs().runningHere()));
                } else {
                    rows.addAll(c.rows(engine.catalogStore().jobs(), engine.catalog().all().stream()
                            .filter(r -> r.kind() == RelationKind.MATERIALIZED_VIEW).map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).toList(),
                            engine.views()::taskLag, engine.jobs()::taskLag, engine.views()::standbys));
                }
            }
        }
        return new ListRowResult(showColumns(kind), rows);
    }

    static RowResult describe(PlannedStatement.Describe d, RunnelEngine engine, SourcePos pos) {
        List<Object[]> rows = new ArrayList<>();
        if (d.topic()) {
            TopicDescription t;
            try {
                t = engine.log().describeTopic(d.name());
            } catch (UnknownTopicException e) {
                throw new RunnelSqlException("42S02", "unknown topic '" + d.name() + "'", pos);
            }
            for (TopicDescription.PartitionInfo p : t.partitions()) {
                rows.add(new Object[] {p.partition(), p.logStartOffset(), p.logEndOffset(), p.sizeInBytes(),
                    p.segmentCount()});
            }
            return new ListRowResult(DESCRIBE_TOPIC, rows);
        }
        RelationDef r = d.relation().orElseThrow(() -> new RunnelSqlException("42S02",
                "unknown stream or table '" + d.name() + "'", pos));
        List<Integer> keys = r.kind() == RelationKind.TABLE ? r.primaryKey() : r.storage().keyColumns();
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            final int index = i;
            String extra = r.watermark().filter(w -> w.column() == index)
                    .map(w -> "event time; watermark = " + c.name() + " - " + w.delayMillis() + " ms").orElse(null);
            rows.add(new Object[] {c.name(), c.type().withNullable(true).toSql(), c.type().nullable(), keys.contains(i),
                extra});
        }
        for (Column c : r.kind() == RelationKind.MATERIALIZED_VIEW ? List.<Column>of() : MetadataColumns.ALL) {
            rows.add(new Object[] {c.name(), c.type().withNullable(true).toSql(), c.type().nullable(), false, "metadata"});
        }
        TopicDescription t = describeQuietly(engine.log(), r.storage().topic());
        String storage = count(r.storage().partitions(), "partition") + ", " + r.storage().format().sqlName()
                + (t == null ? "" : ", " + count(t.totalRecordsSpan(), "record") + ", " + count(t.totalBytes(), "byte"));
        rows.add(new Object[] {"(topic)", r.storage().topic(), null, null, storage});
        TopicDescription dlq = describeQuietly(engine.log(), r.storage().deadLetterTopic());
        long bad = dlq == null ? 0 : dlq.totalRecordsSpan();
        rows.add(new Object[] {"(dead letters)", Long.toString(bad), null, null,
            "malformed records in topic " + r.storage().deadLetterTopic()});
        if (r.kind() == RelationKind.STREAM) {
            long[] jobs = engine.jobs().lateRows(r.name());
            long[] views = engine.views().lateRows(r.name());
            long dropped = jobs[0] + views[0];
            rows.add(new Object[] {"(late rows)", Long.toString(dropped + jobs[1] + views[1] + jobs[2] + views[2]),
                null, null, "met by the running jobs and views that read it: " + dropped + " dropped, "
                + (jobs[1] + views[1]) + " routed, " + (jobs[2] + views[2]) + " updating"});
        }
        if (r.kind() == RelationKind.MATERIALIZED_VIEW) {
            rows.addAll(ViewRows.describeRows(engine.views(), engine, r.name()));
        }
        if (r.kind() == RelationKind.STREAM) {
            rows.addAll(engine.searches().describeRows(r.name()));
        }
        return new ListRowResult(DESCRIBE, rows);
    }

    static RowResult explain(List<String> lines) {
        List<Object[]> rows = new ArrayList<>();
        for (String l : lines) {
            rows.add(new Object[] {l});
        }
        return new ListRowResult(EXPLAIN, rows);
    }

    private static String keyNames(RelationDef r, List<Integer> keys) {
        if (keys.isEmpty()) {
            return null;
        }
        return keys.stream().map(i -> r.columns().get(i).name()).collect(Collectors.joining(", "));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static TopicDescription describeQuietly(LogStore log, String topic) {
        try {
            return log.topicExists(topic) ? log.describeTopic(topic) : null;
        } catch (UnknownTopicException e) {
            return null;
        }
    }

    private static List<Column> cols(Object... nameTypePairs) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.add(new Column((String) nameTypePairs[i], (DataType) nameTypePairs[i + 1]));
        }
        return List.copyOf(out);
    }
}
