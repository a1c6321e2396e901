package dev.runnel.exec.format;

import static dev.runnel.exec.testing.Relations.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.arrow.ArrowTypes;
import dev.runnel.exec.testing.Rows;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Debezium change events: what each op means for the table, the envelope, bad events, and writing. */
class DebeziumJsonFormatTest {
    static final List<Column> COLUMNS = List.of(new Column("id", DataType.of(TypeKind.BIGINT).notNull()),
            col("name", TypeKind.VARCHAR), col("qty", TypeKind.INT));
    final RootAllocator allocator = new RootAllocator();
    final DebeziumJsonFormat format = new DebeziumJsonFormat(COLUMNS, List.of(0));

    @AfterEach
    void close() {
        allocator.close();
    }

    /** Each kept row with its kind appended, or "BAD: reason"; a second event continues in the same batch. */
    Object changes(boolean deletes, String... events) {
        try (VectorSchemaRoot out = VectorSchemaRoot.create(ArrowTypes.toSchema(COLUMNS), allocator)) {
            out.allocateNew();
            VectorRowWriter w = new VectorRowWriter(COLUMNS, out.getFieldVectors().toArray(new FieldVector[0]));
            List<Integer> kinds = new ArrayList<>();
            int[] k = new int[2];
            for (String event : events) {
                // padded, so ranges inside the buffer are checked too
                byte[] b = ("xx" + event + "yy").getBytes(StandardCharsets.UTF_8);
                try {
                    int n = format.decodeChanges(b, 2, b.length - 4, w, deletes, k);
                    for (int i = 0; i < n; i++) {
                        kinds.add(k[i]);
                    }
                } catch (BadValueException e) {
                    w.discardRow();
                    return "BAD: " + e.reason();
                }
            }
            w.finish();
            out.setRowCount(w.rowCount());
            List<List<Object>> rows = Rows.fromRoot(out);
            List<List<Object>> result = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                List<Object> r = new ArrayList<>(rows.get(i));
                r.add(kinds.get(i));
                result.add(r);
            }
            return result;
        }
    }

    static List<Object> row(Object id, Object name, Object qty, int kind) {
        return java.util.Arrays.asList(id, name, qty, kind);
    }

    @Test
    void snapshotReadsAndCreatesInsertUpdatesReplaceAndDeletesDeleteTheKeyOfBefore() {
        assertThat(changes(true, "{\"before\":null,\"after\":{\"id\":1,\"name\":\"a\",\"qty\":2},\"op\":\"r\",\"ts_ms\":1}",
                "{\"after\":{\"id\":2,\"name\":\"b\"},\"op\":\"c\",\"source\":{\"db\":\"shop\"}}",
                "{\"op\":\"u\",\"before\":{\"id\":1,\"name\":\"a\",\"qty\":2},\"after\":{\"id\":1,\"name\":\"a\",\"qty\":3}}",
                "{\"before\":{\"id\":2},\"after\":null,\"op\":\"d\"}"))
                .isEqualTo(List.of(row(1L, "a", 2, RecordFormat.INSERT), row(2L, "b", null, RecordFormat.INSERT),
                        row(1L, "a", 3, RecordFormat.UPDATE), row(2L, null, null, RecordFormat.DELETE)));
    }

    @Test
    void anUpdateThatChangesThePrimaryKeyDeletesTheOldKeyFirst() {
        String move = "{\"before\":{\"id\":1,\"name\":\"a\"},\"after\":{\"id\":7,\"name\":\"a\"},\"op\":\"u\"}";
        assertThat(changes(true, move)).isEqualTo(List.of(row(1L, "a", null, RecordFormat.DELETE),
                row(7L, "a", null, RecordFormat.INSERT)));
        assertThat(changes(false, move)).as("a pull query keeps the rows that remain")
                .isEqualTo(List.of(row(7L, "a", null, RecordFormat.UPDATE)));
        assertThat(changes(false, "{\"before\":{\"id\":2},\"op\":\"d\"}")).isEqualTo(List.of());
    }

    @Test
    void theKafkaConnectEnvelopeIsUnwrappedAndANullEventChangesNothing() {
        assertThat(changes(true, "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":{\"before\":null,"
                + "\"after\":{\"id\":5,\"name\":\"e\",\"qty\":1},\"op\":\"c\",\"ts_ms\":17}}", "null"))
                .isEqualTo(List.of(row(5L, "e", 1, RecordFormat.INSERT)));
    }

    @Test
    void badEventsSayWhyAndKeepNothing() {
        String good = "{\"after\":{\"id\":1},\"op\":\"c\"}";
        assertThat(changes(true, good, "{\"after\":{\"id\":1}")).asString().startsWith("BAD: malformed JSON");
        assertThat(changes(true, good, "{\"after\":{\"id\":1}}")).isEqualTo(
                "BAD: not a change event: no 'op' field (c, r, u or d)");
        assertThat(changes(true, "{\"after\":{\"id\":1},\"op\":\"x\"}")).asString()
                .startsWith("BAD: unknown op 'x'");
        assertThat(changes(true, "{\"after\":{\"id\":1},\"op\":3}")).isEqualTo("BAD: the event's 'op' is not a string");
        assertThat(changes(true, "{\"before\":{\"id\":1},\"op\":\"u\"}")).isEqualTo(
                "BAD: a 'u' event needs an 'after' object with the new row");
        assertThat(changes(true, "{\"after\":{\"id\":1},\"op\":\"d\"}")).asString()
                .startsWith("BAD: a 'd' (delete) event needs a 'before' object");
        assertThat(changes(true, "{\"after\":{\"id\":\"one\"},\"op\":\"c\"}")).asString()
                .startsWith("BAD: column 'id'");
        assertThat(changes(true, "{\"after\":{\"name\":\"no key\"},\"op\":\"c\"}")).asString()
                .startsWith("BAD: column 'id': NULL in a NOT NULL column");
        assertThat(changes(true, "{\"after\":[1],\"op\":\"c\"}")).isEqualTo("BAD: 'after' is not an object or null");
        // a bad before of a key change takes the after row back too
        assertThat(changes(true, good, "{\"before\":{\"id\":2,\"qty\":\"many\"},\"after\":{\"id\":3},\"op\":\"u\"}"))
                .asString().startsWith("BAD: column 'qty'");
    }

    @Test
    void writesInsertsUpdatesAndDeletesAsEventsThatReadBack() {
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowTypes.toSchema(COLUMNS), allocator)) {
            batch.allocateNew();
            dev.runnel.exec.arrow.Vectors.set(batch.getVector(0), 0, 4L);
            dev.runnel.exec.arrow.Vectors.set(batch.getVector(1), 0, "d\"q");
            dev.runnel.exec.arrow.Vectors.set(batch.getVector(2), 0, null);
            batch.setRowCount(1);
            List<String> events = new ArrayList<>();
            for (int kind : new int[] {RecordFormat.INSERT, RecordFormat.UPDATE, RecordFormat.DELETE}) {
                ByteBuilder out = new ByteBuilder(64);
                format.encodeChange(batch, 0, kind, out);
                events.add(out.toString());
            }
            assertThat(events.get(0)).isEqualTo("{\"before\":null,\"after\":{\"id\":4,\"name\":\"d\\\"q\",\"qty\":null},"
                    + "\"op\":\"c\"}");
            assertThat(changes(true, events.toArray(new String[0]))).isEqualTo(List.of(
                    row(4L, "d\"q", null, RecordFormat.INSERT), row(4L, "d\"q", null, RecordFormat.UPDATE),
                    row(4L, "d\"q", null, RecordFormat.DELETE)));
        }
    }
}
