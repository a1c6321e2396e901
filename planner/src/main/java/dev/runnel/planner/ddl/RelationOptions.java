package dev.runnel.planner.ddl;

import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the WITH (...) options of CREATE STREAM/TABLE and derives the storage from them.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>value</th><th>default</th></tr>
 *   <tr><td>topic</td><td>topic name: letters, digits, '.', '_', '-'</td><td>the relation's name</td></tr>
 *   <tr><td>partitions</td><td>1 to 10000</td><td>1</td></tr>
 *   <tr><td>format</td><td>columnar (streams only), json, csv, debezium-json</td><td>columnar for a STREAM, json for a TABLE</td></tr>
 *   <tr><td>key</td><td>comma-separated column names: the record key (for a TABLE, its primary key)</td><td>none (a TABLE: its primary key)</td></tr>
 *   <tr><td>replication</td><td>copies of each partition, 1 to 32767 (the log on Kafka: the topic's replication
 *       factor; the embedded log keeps one and refuses more)</td><td>the engine's ({@code --kafka-replication})</td></tr>
 *   <tr><td>retention</td><td>a duration ({@link Durations})</td><td>the store's</td></tr>
 *   <tr><td>late</td><td>drop, update or route</td><td>drop</td></tr>
 *   <tr><td>allowed_lateness</td><td>a duration, how long {@code late = 'update'} keeps windows open after they fired (only with update)</td><td>0</td></tr>
 *   <tr><td>late_target</td><td>the stream that {@code late = 'route'} appends late rows to, unchanged (required with route, and only with it;
 *       checked when a window query is planned, as it may be created after this stream)</td><td>none</td></tr>
 *   <tr><td>idle_timeout</td><td>a duration after which a silent partition stops holding the watermark back</td><td>none</td></tr>
 * </table>
 *
 * The dead-letter topic is {@code <topic>.dlq}. Stateless and thread-safe.
 */
final class RelationOptions {
    static final List<String> KNOWN =
            List.of("topic", "partitions", "replication", "format", "key", "retention", "late", "allowed_lateness", "late_target",
                    "idle_timeout");
    private static final Set<String> LATE = Set.of("drop", "update", "route");
    private static final int MAX_PARTITIONS = 10_000;

    private RelationOptions() {}

    static StorageSpec storage(RelationKind kind, String name, List<String> columns, List<Integer> primaryKey,
            Map<String, String> options, SourcePos pos) {
        for (String key : options.keySet()) {
            if (!KNOWN.contains(key.toLowerCase(Locale.ROOT))) {
                throw OptionErrors.unknownKey("option", key, KNOWN, "", pos);
            }
        }
        String topic = get(options, "topic", name).trim();
        if (!topic.matches("[A-Za-z0-9._-]{1,240}") || topic.equals(".") || topic.equals("..")) {
            String valid = "1 to 240 letters, digits, '.', '_' or '-' (and not '.' or '..')";
            if (get(options, "topic", null) == null) {
                // the user wrote no topic: say where this one came from
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "the topic is named after the " + kindWord(kind)
                        + ", but '" + topic + "' is not a topic name (" + valid + "): give one with WITH (topic = '...')",
                        pos);
            }
            throw OptionErrors.badValue("topic", topic, valid, pos);
        }
        int partitions = partitions(get(options, "partitions", "1"), pos);
        String replication = get(options, "replication", null);
        if (replication != null && !replication.trim().matches("0*[1-9][0-9]{0,4}")
                || replication != null && Integer.parseInt(replication.trim()) > Short.MAX_VALUE) {
            throw OptionErrors.badValue("replication", replication, "a whole number from 1 to " + Short.MAX_VALUE, pos);
        }
        Format format = format(kind, options, pos);
        List<Integer> key = key(kind, columns, primaryKey, options, pos);
        for (String d : List.of("retention", "allowed_lateness", "idle_timeout")) {
            String v = get(options, d, null);
            if (v != null && Durations.parseMillis(v).isEmpty()) {
                throw OptionErrors.badValue(d, v, Durations.EXAMPLES, pos);
            }
        }
        late(name, options, pos);
        return new StorageSpec(topic, partitions, format, key, topic + ".dlq");
    }

    private static void late(String name, Map<String, String> options, SourcePos pos) {
        String late = get(options, "late", null);
        String kind = late == null ? "drop" : late.trim().toLowerCase(Locale.ROOT);
        if (!LATE.contains(kind)) {
            throw OptionErrors.badValue("late", late, "'drop', 'update' or 'route'", pos);
        }
        if (get(options, "allowed_lateness", null) != null && !kind.equals("update")) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "allowed_lateness applies to late = 'update' only (late is '" + kind + "')", pos);
        }
        String target = get(options, "late_target", null);
        if (kind.equals("route") && (target == null || target.isBlank())) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "late = 'route' needs late_target: the stream late rows are appended to", pos);
        }
        if (target != null && !kind.equals("route")) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "late_target applies to late = 'route' only (late is '" + kind + "')", pos);
        }
        if (target != null && !target.trim().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw OptionErrors.badValue("late_target", target, "the name of a stream", pos);
        }
        if (target != null && target.trim().equalsIgnoreCase(name)) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "late_target cannot be the stream itself: late rows would count again", pos);
        }
    }

    private static String kindWord(RelationKind kind) {
        return switch (kind) {
            case STREAM -> "stream";
            case TABLE -> "table";
            case MATERIALIZED_VIEW -> "materialized view";
        };
    }

    private static int partitions(String v, SourcePos pos) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p >= 1 && p <= MAX_PARTITIONS) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OptionErrors.badValue("partitions", v, "a whole number from 1 to " + MAX_PARTITIONS, pos);
    }

    private static Format format(RelationKind kind, Map<String, String> options, SourcePos pos) {
        String v = get(options, "format", null);
        if (v == null) {
            return kind == RelationKind.TABLE ? Format.JSON : Format.COLUMNAR;
        }
        Format f = Format.parse(v);
        if (f == null) {
            throw OptionErrors.badValue("format", v, String.join(", ",
                    Arrays.stream(Format.values()).map(Format::sqlName).toList()), pos);
        }
        if (f == Format.COLUMNAR && kind == RelationKind.TABLE) {
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE,
                    "format 'columnar' is for streams: a TABLE is stored as json, csv or debezium-json", pos);
        }
        return f;
    }

    private static List<Integer> key(RelationKind kind, List<String> columns, List<Integer> primaryKey,
            Map<String, String> options, SourcePos pos) {
        String v = get(options, "key", null);
        if (v == null) {
            return kind == RelationKind.TABLE ? primaryKey : List.of();
        }
        List<Integer> key = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String c = part.trim();
            int index = indexOf(columns, c);
            if (index < 0) {
                throw new RunnelSqlException(SqlState.UNKNOWN_COLUMN, "unknown column '" + c + "' in key"
                        + DidYouMean.suffix(c, columns), pos);
            }
            if (key.contains(index)) {
                throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "column '" + c + "' appears twice in key", pos);
            }
            key.add(index);
        }
        if (kind == RelationKind.TABLE && !key.equals(primaryKey)) {
            List<String> pk = primaryKey.stream().map(columns::get).toList();
            throw new RunnelSqlException(SqlState.SYNTAX_OR_RULE, "a TABLE's key is its PRIMARY KEY ("
                    + String.join(", ", pk) + "): leave out key or write key = '" + String.join(",", pk) + "'", pos);
        }
        return key;
    }

    static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String get(Map<String, String> options, String key, String otherwise) {
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return otherwise;
    }
}
