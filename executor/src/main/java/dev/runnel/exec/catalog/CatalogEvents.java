package dev.runnel.exec.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The events of the catalog log, written field by field with Jackson's tree model (no reflection
 * over records, so renaming a Java component cannot silently change the stored format).
 *
 * <h2>Event layout (topic {@code __catalog}, one partition, compacted)</h2>
 * Key: the relation name in lower case (UTF-8), so names differing only in case are one entry.
 * Value, one of:
 * <pre>
 * {"version": 1, "event": "create", "relation": {
 *    "name": "Bids", "kind": "STREAM",
 *    "columns": [{"name": "auction", "type": {"kind": "BIGINT", "precision": -1, "scale": 0, "nullable": true}}, ...],
 *    "primary_key": [0],
 *    "watermark": {"column": 5, "delay_ms": 4000} | null,
 *    "storage": {"topic": "bids", "partitions": 4, "format": "columnar", "key_columns": [0],
 *                "dead_letter_topic": "bids.dlq" | null},
 *    "options": {"format": "columnar", ...},   (WITH options as written, sorted by key)
 *    "sql": "CREATE STREAM ..."}}
 * {"version": 1, "event": "drop", "topics": ["bids", "bids.dlq"]}   (dropped; topics being deleted)
 * {"version": 1, "event": "job", "new": true, "job": {"name": "j", "sql": "INSERT ...", "scan_start": "earliest",
 *    "stopped": false, "checkpoint_interval": "1s", "state_ttl": "1 h"}}   (key "job:" + lower-case job name; the
 *    interval and the TTL are optional; "new": true when CREATE JOB wrote it, false for a change such as
 *    STOP JOB, absent in logs written before clusters)
 * {"version": 1, "event": "search", "search": {"name": "s", "stream": "bids", "condition": "price > 10",
 *    "sql": "CREATE SEARCH ...", "start_offsets": [120, 98]}}   (key "search:" + lower-case search name)
 * null (a tombstone)                                                 (dropped and its topics deleted)
 * </pre>
 * Stateless.
 */
final class CatalogEvents {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A decoded event: a created relation, or a drop still deleting {@code topics}. */
    sealed interface Event permits Created, Dropping, Job, Search {}

    record Created(RelationDef relation) implements Event {}

    record Dropping(List<String> topics) implements Event {}

    /** A job; {@code isNew}: written by CREATE (true) or by a change of it (false); empty in older logs. */
    record Job(JobDef job, Optional<Boolean> isNew) implements Event {}

    record Search(SearchDef search) implements Event {}

    /** Searches are keyed apart from relations and jobs: {@code search:} and the lower-case search name. */
    static final String SEARCH_KEY_PREFIX = "search:";

    static byte[] searchKey(String name) {
        return (SEARCH_KEY_PREFIX + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] search(SearchDef s) {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("event", "search");
        ObjectNode o = root.putObject("search").put("name", s.name()).put("stream", s.stream())
                .put("condition", s.condition()).put("sql", s.sql());
        ArrayNode starts = o.putArray("start_offsets");
        s.startOffsets().forEach(starts::add);
        return write(root);
    }

    /** Jobs are keyed apart from relations: {@code job:} and the lower-case job name. */
    static final String JOB_KEY_PREFIX = "job:";

    static byte[] jobKey(String name) {
        return (JOB_KEY_PREFIX + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] job(JobDef j, boolean isNew) {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("event", "job").put("new", isNew);
        ObjectNode job = root.putObject("job").put("name", j.name()).put("sql", j.sql())
                .put("scan_start", j.scanStart()).put("stopped", j.stopped());
        if (j.checkpointInterval() != null) {
            job.put("checkpoint_interval", j.checkpointInterval());
        }
        if (j.stateTtl() != null) {
            job.put("state_ttl", j.stateTtl());
        }
        return write(root);
    }

    private CatalogEvents() {}

    static byte[] key(String name) {
        return name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] created(RelationDef r) {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("event", "create");
        ObjectNode o = root.putObject("relation");
        o.put("name", r.name()).put("kind", r.kind().name());
        ArrayNode cols = o.putArray("columns");
        for (Column c : r.columns()) {
            ObjectNode col = cols.addObject().put("name", c.name());
            DataType t = c.type();
            col.putObject("type").put("kind", t.kind().name()).put("precision", t.precision()).put("scale", t.scale())
                    .put("nullable", t.nullable());
        }
        ints(o.putArray("primary_key"), r.primaryKey());
        if (r.watermark().isPresent()) {
            WatermarkSpec w = r.watermark().get();
            o.putObject("watermark").put("column", w.column()).put("delay_ms", w.delayMillis());
        } else {
            o.putNull("watermark");
        }
        StorageSpec s = r.storage();
        ObjectNode st = o.putObject("storage").put("topic", s.topic()).put("partitions", s.partitions())
                .put("format", s.format().sqlName());
        ints(st.putArray("key_columns"), s.keyColumns());
        st.put("dead_letter_topic", s.deadLetterTopic());
        ObjectNode opts = o.putObject("options");
        new TreeMap<>(r.options()).forEach(opts::put);
        o.put("sql", r.sql());
        return write(root);
    }

    static byte[] dropping(List<String> topics) {
        ObjectNode root = JSON.createObjectNode().put("version", VERSION).put("event", "drop");
        ArrayNode t = root.putArray("topics");
        topics.forEach(t::add);
        return write(root);
    }

    /** Decodes an event value; throws {@link IllegalArgumentException} saying what is wrong. */
    static Event decode(byte[] value) {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        int version = required(root, "version").asInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("event version " + version + " (this Runnel reads version " + VERSION
                    + "; was it written by a newer one?)");
        }
        String event = required(root, "event").asText();
        switch (event) {
            case "create" -> {
                return new Created(relation(required(root, "relation")));
            }
            case "drop" -> {
                List<String> topics = new ArrayList<>();
                required(root, "topics").forEach(t -> topics.add(t.asText()));
                return new Dropping(topics);
            }
            case "job" -> {
                JsonNode j = required(root, "job");
                JsonNode interval = j.get("checkpoint_interval");
                JsonNode ttl = j.get("state_ttl");
                return new Job(new JobDef(required(j, "name").asText(), required(j, "sql").asText(),
                        required(j, "scan_start").asText(), required(j, "stopped").asBoolean(),
                        interval == null || interval.isNull() ? null : interval.asText(),
                        ttl == null || ttl.isNull() ? null : ttl.asText()),
                        root.hasNonNull("new") ? Optional.of(root.get("new").asBoolean()) : Optional.empty());
            }
            case "search" -> {
                JsonNode s = required(root, "search");
                List<Long> starts = new ArrayList<>();
                required(s, "start_offsets").forEach(n -> starts.add(n.asLong()));
                return new Search(new SearchDef(required(s, "name").asText(), required(s, "stream").asText(),
                        required(s, "condition").asText(), required(s, "sql").asText(), starts));
            }
            default -> throw new IllegalArgumentException("unknown event '" + event + "'");
        }
    }

    private static RelationDef relation(JsonNode o) {
        List<Column> columns = new ArrayList<>();
        for (JsonNode c : required(o, "columns")) {
            JsonNode t = required(c, "type");
            columns.add(new Column(required(c, "name").asText(), new DataType(TypeKind.valueOf(required(t, "kind").asText()),
                    required(t, "precision").asInt(), required(t, "scale").asInt(), required(t, "nullable").asBoolean())));
        }
        JsonNode w = o.get("watermark");
        Optional<WatermarkSpec> watermark = w == null || w.isNull() ? Optional.empty()
                : Optional.of(new WatermarkSpec(required(w, "column").asInt(), required(w, "delay_ms").asLong()));
        JsonNode s = required(o, "storage");
        Format format = Format.parse(required(s, "format").asText());
        if (format == null) {
            throw new IllegalArgumentException("unknown format '" + s.get("format").asText() + "'");
        }
        JsonNode dlq = s.get("dead_letter_topic");
        StorageSpec storage = new StorageSpec(required(s, "topic").asText(), required(s, "partitions").asInt(), format,
                ints(required(s, "key_columns")), dlq == null || dlq.isNull() ? null : dlq.asText());
        Map<String, String> options = new TreeMap<>();
        required(o, "options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        return new RelationDef(required(o, "name").asText(), RelationKind.valueOf(required(o, "kind").asText()), columns,
                ints(required(o, "primary_key")), watermark, storage, options, required(o, "sql").asText());
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    private static void ints(ArrayNode a, List<Integer> values) {
        values.forEach(a::add);
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static byte[] write(ObjectNode o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
