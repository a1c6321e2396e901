package dev.runnel.exec.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.TypeKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One JSON object per record, field names = column names: {@code {"auction":1,"channel":"web",
 * "date_time":"2026-01-01 00:00:01.000","price":null}}. Written with every column (NULL as
 * {@code null}); TIMESTAMP and DATE as canonical text strings, DECIMAL as a plain number, DOUBLE
 * NaN and infinities as strings.
 *
 * <p>Read leniently where the meaning is clear: field names match exactly, else ignoring case;
 * unknown fields are skipped; a missing field or {@code null} is NULL; numbers may come as numeric
 * strings; TIMESTAMP as text (see {@link TextValues}) or epoch milliseconds; VARCHAR takes numbers
 * and booleans as their text. Anything else is a bad record: malformed JSON, not an object, an
 * object or array where a value belongs, unparsable text, fractions for whole numbers, out of
 * range. Only the columns the reader {@link VectorRowWriter#wants} are type-checked.
 *
 * <p>One instance per thread (a reused generator and scratch buffers).
 */
public final class JsonFormat implements RecordFormat {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final Pattern JACKSON_LOCATION = Pattern.compile("\\s*\\((start marker )?at \\[Source: .*$",
            Pattern.DOTALL);

    private final List<Column> columns;
    private final TypeKind[] kinds;
    private final SerializedString[] names;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> folded = new HashMap<>();
    private final ByteBuilder text = new ByteBuilder(256);
    private final TargetStream sink = new TargetStream();
    private final JsonGenerator generator;

    public JsonFormat(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.kinds = columns.stream().map(c -> c.type().kind()).toArray(TypeKind[]::new);
        this.names = new SerializedString[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            String name = columns.get(i).name();
            names[i] = new SerializedString(name);
            exact.put(name, i);
            folded.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
        }
        try {
            generator = FACTORY.createGenerator(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.setRootValueSeparator(null);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    // ---- encode ----

    @Override
    public void encode(VectorSchemaRoot batch, int row, ByteBuilder out) {
        sink.target = out;
        try {
            JsonGenerator g = generator;
            g.writeStartObject();
            for (int c = 0; c < kinds.length; c++) {
                g.writeFieldName(names[c]);
                FieldVector v = batch.getVector(c);
                if (v.isNull(row)) {
                    g.writeNull();
                    continue;
                }
                switch (kinds[c]) {
                    case BIGINT, INTERVAL_DAY_TIME -> g.writeNumber(((BigIntVector) v).get(row));
                    case INT, INTERVAL_YEAR_MONTH -> g.writeNumber(((IntVector) v).get(row));
                    case BOOLEAN -> g.writeBoolean(((BitVector) v).get(row) != 0);
                    case DOUBLE -> {
                        double d = ((Float8Vector) v).get(row);
                        if (Double.isNaN(d) || Double.isInfinite(d)) {
                            g.writeString(Double.toString(d));
                        } else {
                            g.writeNumber(d);
                        }
                    }
                    case DECIMAL -> {
                        text.reset();
                        VectorText.appendDecimal((DecimalVector) v, row, text);
                        g.writeNumber(text.toString());
                    }
                    case VARCHAR, TIMESTAMP, DATE -> {
                        text.reset();
                        VectorText.append(v, kinds[c], row, text);
                        g.writeUTF8String(text.array(), 0, text.length());
                    }
                    case NULL -> g.writeNull();
                }
            }
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sink.target = null;
        }
    }

    /** Forwards the generator's output to the current target builder. */
    private static final class TargetStream extends OutputStream {
        ByteBuilder target;

        @Override
        public void write(int b) {
            target.append((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            target.append(b, off, len);
        }
    }

    // ---- decode ----

    @Override
    public void decode(byte[] b, int off, int len, VectorRowWriter out) throws BadValueException {
        try (JsonParser p = FACTORY.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadValueException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int c = column(p.currentName());
                JsonToken value = p.nextToken();
                if (c < 0 || !out.wants(c)) {
                    p.skipChildren();
                    continue;
                }
                setValue(p, value, c, out);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new BadValueException("malformed JSON: the object is not closed");
            }
            if (p.nextToken() != null) {
                throw new BadValueException("malformed JSON: more than one value in the record");
            }
        } catch (JsonProcessingException e) {
            // Jackson's message may end in a location that names no source; the dead letter has its own
            throw new BadValueException("malformed JSON: "
                    + JACKSON_LOCATION.matcher(e.getOriginalMessage()).replaceFirst(""));
        } catch (IOException e) {
            throw new BadValueException("malformed JSON: " + e.getMessage());
        }
    }

    private int column(String name) {
        Integer c = exact.get(name);
        if (c == null) {
            c = folded.get(name.toLowerCase(Locale.ROOT));
        }
        return c == null ? -1 : c;
    }

    private void setValue(JsonParser p, JsonToken value, int c, VectorRowWriter out)
            throws IOException, BadValueException {
        switch (value) {
            case VALUE_NULL -> out.setNull(c);
            case VALUE_STRING -> {
                text.reset();
                Utf8.encode(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), text);
                out.setUtf8(c, text.array(), 0, text.length());
            }
            case VALUE_NUMBER_INT -> {
                if (kinds[c] == TypeKind.VARCHAR) {
                    setText(p, c, out);
                } else if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    out.setDecimal(c, p.getDecimalValue());
                } else {
                    out.setLong(c, p.getLongValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                switch (kinds[c]) {
                    case VARCHAR -> setText(p, c, out);
                    case DOUBLE -> out.setDouble(c, p.getDoubleValue());
                    default -> out.setDecimal(c, p.getDecimalValue());
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                if (kinds[c] == TypeKind.VARCHAR) {
                    setText(p, c, out);
                } else {
                    out.setBoolean(c, value == JsonToken.VALUE_TRUE);
                }
            }
            case START_OBJECT, START_ARRAY -> throw new BadValueException("column '" + columns.get(c).name()
                    + "': expected " + columns.get(c).type().toSql() + ", found "
                    + (value == JsonToken.START_OBJECT ? "an object" : "an array"));
            default -> throw new BadValueException("malformed JSON: unexpected " + value);
        }
    }

    private void setText(JsonParser p, int c, VectorRowWriter out) throws IOException, BadValueException {
        text.reset();
        text.appendAscii(p.getText());
        out.setUtf8(c, text.array(), 0, text.length());
    }
}
