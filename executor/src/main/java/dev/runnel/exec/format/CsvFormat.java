package dev.runnel.exec.format;

import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One RFC 4180 line per record: the payload columns in order, separated by the delimiter; fields
 * holding the delimiter, a quote or a line break are quoted with quotes doubled; NULL is an
 * unquoted field equal to the {@code null} option (default: empty), so an empty string is written
 * {@code ""}. Values use the canonical text of {@link TextValues}. Decoding takes one record with
 * or without a trailing line break.
 *
 * <p>Options (the relation's WITH options or COPY's): {@code delimiter} (one ASCII character,
 * default {@code ,}), {@code null} (default empty). One instance per thread.
 */
public final class CsvFormat implements RecordFormat {

    /** Csv dialect: delimiter and NULL marker. Immutable. */
    public record Options(char delimiter, String nullString) {
        public static final Options DEFAULT = new Options(',', "");

        public Options {
            if (delimiter > 127 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new RunnelSqlException("42000", "the csv delimiter must be one ASCII character other than a"
                        + " quote or a line break, was '" + delimiter + "'", null);
            }
            java.util.Objects.requireNonNull(nullString, "nullString");
        }

        /** From WITH options {@code delimiter} and {@code null} (others are ignored). */
        public static Options fromRelationOptions(Map<String, String> options) {
            return new Options(delimiterOf(options.getOrDefault("delimiter", ",")), options.getOrDefault("null", ""));
        }

        public static char delimiterOf(String text) {
            String d = text.equals("\\t") ? "\t" : text;
            if (d.length() != 1) {
                throw new RunnelSqlException("42000", "the csv delimiter must be exactly one character, was '" + text
                        + "'", null);
            }
            return d.charAt(0);
        }
    }

    private final List<Column> columns;
    private final TypeKind[] kinds;
    private final Options options;
    private final byte delimiter;
    private final byte[] nullBytes;
    private final CsvParser parser;
    private final ByteBuilder scratch = new ByteBuilder(256);

    public CsvFormat(List<Column> columns, Options options) {
        this.columns = List.copyOf(columns);
        this.kinds = columns.stream().map(c -> c.type().kind()).toArray(TypeKind[]::new);
        this.options = options;
        this.delimiter = (byte) options.delimiter();
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
        this.parser = new CsvParser(options.delimiter());
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    public Options options() {
        return options;
    }

    @Override
    public void encode(VectorSchemaRoot batch, int row, ByteBuilder out) {
        for (int c = 0; c < kinds.length; c++) {
            if (c > 0) {
                out.append(delimiter);
            }
            FieldVector v = batch.getVector(c);
            if (v.isNull(row)) {
                out.append(nullBytes);
                continue;
            }
            int start = out.length();
            VectorText.append(v, kinds[c], row, out);
            if (needsQuotes(out.array(), start, out.length())) {
                scratch.reset();
                scratch.append(out.array(), start, out.length() - start);
                out.truncate(start);
                out.append((byte) '"');
                byte[] s = scratch.array();
                for (int i = 0; i < scratch.length(); i++) {
                    if (s[i] == '"') {
                        out.append((byte) '"');
                    }
                    out.append(s[i]);
                }
                out.append((byte) '"');
            }
        }
    }

    private boolean needsQuotes(byte[] b, int start, int end) {
        if (start == end) {
            return true; // an empty string, not NULL
        }
        if (end - start == nullBytes.length && Arrays.equals(b, start, end, nullBytes, 0, nullBytes.length)) {
            return true;
        }
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void decode(byte[] b, int off, int len, VectorRowWriter out) throws BadValueException {
        int end = parser.parse(b, off, off + len, true);
        if (parser.error() != null) {
            throw new BadValueException("malformed csv: " + parser.error());
        }
        if (end != off + len) {
            throw new BadValueException("malformed csv: the value holds more than one line");
        }
        toRow(parser, b, out);
    }

    /**
     * Stores the fields of the record {@code parser} just parsed from {@code b} into the current row
     * of {@code out}: the field count must match the columns.
     */
    public void toRow(CsvParser parsed, byte[] b, VectorRowWriter out) throws BadValueException {
        int n = parsed.fieldCount();
        if (n != kinds.length) {
            throw new BadValueException("expected " + kinds.length + " fields, found " + n);
        }
        for (int c = 0; c < n; c++) {
            if (!out.wants(c)) {
                continue;
            }
            int s = parsed.start(c);
            int e = parsed.end(c);
            if (!parsed.isQuoted(c) && e - s == nullBytes.length
                    && Arrays.equals(b, s, e, nullBytes, 0, nullBytes.length)) {
                out.setNull(c);
            } else if (parsed.hasEscapes(c)) {
                parsed.unescape(b, c, scratch);
                out.setUtf8(c, scratch.array(), 0, scratch.length());
            } else {
                out.setUtf8(c, b, s, e - s);
            }
        }
    }
}
