package dev.runnel.exec.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.runnel.planner.catalog.Column;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Debezium's JSON change events, one per record: {@code {"before": {...} | null, "after": {...} |
 * null, "op": "c" | "r" | "u" | "d", "ts_ms": ..., "source": ...}}, alone or inside Kafka Connect's
 * envelope {@code {"schema": ..., "payload": {...}}}. The row objects are read like {@link JsonFormat}
 * (fields by column name; unknown fields, {@code source}, {@code ts_ms} and {@code schema} are
 * ignored).
 *
 * <p>What an event means for the table ({@link #decodeChanges}): {@code r} (a snapshot read) and
 * {@code c} insert {@code after}; {@code u} makes {@code after} the row of its key, and when
 * {@code before} is given with another primary key, first deletes that key (a key change); {@code d}
 * deletes the key of {@code before}. A record whose value is JSON {@code null} (as a Kafka
 * Connect tombstone may be written) changes nothing. Bad: malformed JSON, no {@code op} or one of
 * another letter, a {@code c}/{@code r}/{@code u} without an {@code after} object, a {@code d}
 * without a {@code before} object, values that do not fit their columns. {@link #decode} (one row)
 * gives the row an event leaves, and calls a delete bad.
 *
 * <p>Written ({@link #encode}, {@link #encodeChange}) without the envelope, the row as
 * {@link JsonFormat} writes it: {@code {"before":null,"after":{...},"op":"c"}} for an insert,
 * {@code "op":"u"} for an update, {@code {"before":{...},"after":null,"op":"d"}} for a delete.
 *
 * <p>One instance per thread (scratch state).
 */
public final class DebeziumJsonFormat implements RecordFormat {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonFormat rows;
    private final int[] primaryKey;

    // the event being decoded: op letter (0 if none), and byte ranges of before/after (start -1: absent or null)
    private String op;
    private boolean opSeen;
    private int beforeStart = -1;
    private int beforeEnd;
    private int afterStart = -1;
    private int afterEnd;
    private int payloadStart = -1;
    private int payloadEnd;
    private boolean nullValue;

    /** @param primaryKey the payload columns of the table's primary key */
    public DebeziumJsonFormat(List<Column> columns, List<Integer> primaryKey) {
        this.rows = new JsonFormat(columns);
        this.primaryKey = primaryKey.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public List<Column> columns() {
        return rows.columns();
    }

    // ---- encode ----

    /** An insert event of the row. */
    @Override
    public void encode(VectorSchemaRoot batch, int row, ByteBuilder out) {
        encodeChange(batch, row, INSERT, out);
    }

    /** An event for the row as change kind {@code kind}: {@link #INSERT}, {@link #UPDATE} or {@link #DELETE}. */
    public void encodeChange(VectorSchemaRoot batch, int row, int kind, ByteBuilder out) {
        if (kind == DELETE) {
            out.appendAscii("{\"before\":");
            rows.encode(batch, row, out);
            out.appendAscii(",\"after\":null,\"op\":\"d\"}");
        } else {
            out.appendAscii("{\"before\":null,\"after\":");
            rows.encode(batch, row, out);
            out.appendAscii(kind == UPDATE ? ",\"op\":\"u\"}" : ",\"op\":\"c\"}");
        }
    }

    // ---- decode ----

    /** The row the event leaves: the {@code after} of an insert, snapshot read or update. */
    @Override
    public void decode(byte[] b, int off, int len, VectorRowWriter out) throws BadValueException {
        parse(b, off, len);
        if (nullValue || "d".equals(op)) {
            throw new BadValueException("a " + (nullValue ? "null event" : "delete event") + " leaves no row");
        }
        checkOp();
        requireAfter();
        rows.decode(b, afterStart, afterEnd - afterStart, out);
    }

    @Override
    public int decodeChanges(byte[] b, int off, int len, VectorRowWriter out, boolean deletes, int[] kinds)
            throws BadValueException {
        parse(b, off, len);
        if (nullValue) {
            return 0;
        }
        checkOp();
        int kept = 0;
        try {
            switch (op) {
                case "c", "r" -> {
                    requireAfter();
                    kept = row(b, afterStart, afterEnd, out);
                    kinds[0] = INSERT;
                }
                case "u" -> {
                    requireAfter();
                    kept = row(b, afterStart, afterEnd, out);
                    kinds[0] = UPDATE;
                    if (beforeStart >= 0) { // validated always; a key change deletes the old key first
                        kept += row(b, beforeStart, beforeEnd, out);
                        boolean sameKey = sameKey(out, out.rowCount() - 2, out.rowCount() - 1);
                        out.dropLastRow();
                        kept--;
                        if (!sameKey && deletes) {
                            out.dropLastRow();
                            kept--;
                            kept += row(b, beforeStart, beforeEnd, out);
                            kept += row(b, afterStart, afterEnd, out);
                            kinds[0] = DELETE;
                            kinds[1] = INSERT;
                        }
                    }
                }
                case "d" -> {
                    if (beforeStart < 0) {
                        throw new BadValueException("a 'd' (delete) event needs a 'before' object with the deleted"
                                + " row's key");
                    }
                    kept = row(b, beforeStart, beforeEnd, out);
                    kinds[0] = DELETE;
                    if (!deletes) {
                        out.dropLastRow();
                        kept--;
                    }
                }
                default -> throw new IllegalStateException(op);
            }
        } catch (BadValueException e) {
            for (; kept > 0; kept--) {
                out.dropLastRow();
            }
            throw e;
        }
        return kept;
    }

    private int row(byte[] b, int start, int end, VectorRowWriter out) throws BadValueException {
        rows.decode(b, start, end - start, out);
        out.endRow();
        return 1;
    }

    private boolean sameKey(VectorRowWriter out, int a, int b) {
        for (int c : primaryKey) {
            if (out.wants(c) && !out.sameValue(c, a, b)) {
                return false;
            }
        }
        return true;
    }

    private void checkOp() throws BadValueException {
        if (op == null) {
            throw new BadValueException(opSeen ? "the event's 'op' is not a string"
                    : "not a change event: no 'op' field (c, r, u or d)");
        }
        switch (op) {
            case "c", "r", "u", "d" -> { }
            default -> throw new BadValueException("unknown op '" + op + "': a change event's op is c (create), r"
                    + " (snapshot read), u (update) or d (delete)");
        }
    }

    private void requireAfter() throws BadValueException {
        if (afterStart < 0) {
            throw new BadValueException("a '" + op + "' event needs an 'after' object with the new row");
        }
    }

    /** Finds op, before, after (in the envelope's payload if there is one). */
    private void parse(byte[] b, int off, int len) throws BadValueException {
        op = null;
        opSeen = false;
        beforeStart = -1;
        afterStart = -1;
        payloadStart = -1;
        nullValue = false;
        try {
            fields(b, off, len, true);
            if (!opSeen && payloadStart >= 0) {
                fields(b, payloadStart, payloadEnd - payloadStart, false);
            }
        } catch (JsonProcessingException e) {
            throw new BadValueException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadValueException("malformed JSON: " + e.getMessage());
        }
    }

    private void fields(byte[] b, int off, int len, boolean top) throws IOException, BadValueException {
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            JsonToken first = p.nextToken();
            if (top && first == JsonToken.VALUE_NULL && p.nextToken() == null) {
                nullValue = true;
                return;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new BadValueException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "op" -> {
                        opSeen = true;
                        op = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    }
                    case "before", "after", "payload" -> {
                        if (value == JsonToken.START_OBJECT) {
                            int start = off + (int) p.currentTokenLocation().getByteOffset();
                            p.skipChildren();
                            int end = off + (int) p.currentLocation().getByteOffset();
                            switch (name) {
                                case "before" -> {
                                    beforeStart = start;
                                    beforeEnd = end;
                                }
                                case "after" -> {
                                    afterStart = start;
                                    afterEnd = end;
                                }
                                default -> {
                                    if (top) {
                                        payloadStart = start;
                                        payloadEnd = end;
                                    }
                                }
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            throw new BadValueException("'" + name + "' is not an object or null");
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new BadValueException("malformed JSON: the object is not closed");
            }
            if (p.nextToken() != null) {
                throw new BadValueException("malformed JSON: more than one value in the record");
            }
        }
    }
}
