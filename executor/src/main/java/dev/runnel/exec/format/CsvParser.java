package dev.runnel.exec.format;

/**
 * Splits RFC 4180 records in a byte buffer into fields without copying: a field is a range of the
 * buffer, quoted fields exclude their quotes and may hold doubled quotes ({@link #hasEscapes}) and
 * line breaks. Records end at LF, CRLF or CR outside quotes. Working on UTF-8 bytes is safe because
 * the delimiter, quote and line breaks are ASCII and never occur inside a multi-byte sequence.
 *
 * <p>Malformations are reported, not thrown: {@link #error()} is set (unterminated quoted field,
 * characters after a closing quote) and the record still ends where a parser resynchronizes (the
 * end of the line, or of the input). {@link #firstLineEnd()} lets callers that distrust a
 * multi-line record reject only its first physical line.
 *
 * <p>Reused record after record; not thread-safe.
 */
public final class CsvParser {
    /** {@link #parse} result: the record continues past the limit; call again with more input. */
    public static final int NEED_MORE = -1;

    private final byte delimiter;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];
    private boolean[] escapes = new boolean[16];
    private int count;
    private String error;
    private int firstLineEnd;
    private int quotedLineBreaks;

    /** @param delimiter a single ASCII character other than quote, CR and LF */
    public CsvParser(char delimiter) {
        if (delimiter > 127 || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the csv delimiter must be one ASCII character other than a quote or"
                    + " line break, was '" + delimiter + "'");
        }
        this.delimiter = (byte) delimiter;
    }

    /**
     * Parses the record starting at {@code pos}. Returns the position after its line break (or
     * {@code limit} for a last record without one), or {@link #NEED_MORE} if the record may go on
     * beyond {@code limit} and {@code atEof} is false.
     */
    public int parse(byte[] b, int pos, int limit, boolean atEof) {
        count = 0;
        error = null;
        firstLineEnd = -1;
        quotedLineBreaks = 0;
        final byte delim = delimiter;
        int i = pos;
        while (true) {
            if (count == starts.length) {
                grow();
            }
            if (i < limit && b[i] == '"') {
                int start = ++i;
                boolean esc = false;
                while (true) {
                    while (i < limit && b[i] != '"') {
                        if (b[i] == '\n') {
                            quotedLineBreaks++;
                            if (firstLineEnd < 0) {
                                firstLineEnd = i + 1;
                            }
                        }
                        i++;
                    }
                    if (i + 1 >= limit && !atEof) {
                        return NEED_MORE; // need the byte after this quote (or the closing quote itself)
                    }
                    if (i >= limit) {
                        setField(start, limit, true, esc);
                        error = "unterminated quoted field";
                        return limit;
                    }
                    if (i + 1 < limit && b[i + 1] == '"') {
                        esc = true;
                        i += 2;
                        continue;
                    }
                    break;
                }
                setField(start, i, true, esc);
                i++;
                if (i >= limit) {
                    return limit;
                }
                byte c = b[i];
                if (c == delim) {
                    i++;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return lineBreak(b, i, limit, atEof);
                }
                error = "unexpected character after a closing quote";
                return skipLine(b, i, limit, atEof);
            }
            int start = i;
            while (i < limit) {
                byte c = b[i];
                if (c == delim || c == '\n' || c == '\r') {
                    break;
                }
                i++;
            }
            if (i >= limit) {
                if (!atEof) {
                    return NEED_MORE;
                }
                setField(start, limit, false, false);
                return limit;
            }
            setField(start, i, false, false);
            if (b[i] == delim) {
                i++;
                continue;
            }
            return lineBreak(b, i, limit, atEof);
        }
    }

    private int lineBreak(byte[] b, int i, int limit, boolean atEof) {
        if (b[i] == '\r') {
            if (i + 1 < limit) {
                return b[i + 1] == '\n' ? i + 2 : i + 1;
            }
            return atEof ? i + 1 : NEED_MORE;
        }
        return i + 1;
    }

    private int skipLine(byte[] b, int i, int limit, boolean atEof) {
        while (i < limit && b[i] != '\n') {
            i++;
        }
        if (i >= limit) {
            return atEof ? limit : NEED_MORE;
        }
        return i + 1;
    }

    private void setField(int start, int end, boolean q, boolean esc) {
        starts[count] = start;
        ends[count] = end;
        quoted[count] = q;
        escapes[count] = esc;
        count++;
    }

    private void grow() {
        int n = starts.length * 2;
        starts = java.util.Arrays.copyOf(starts, n);
        ends = java.util.Arrays.copyOf(ends, n);
        quoted = java.util.Arrays.copyOf(quoted, n);
        escapes = java.util.Arrays.copyOf(escapes, n);
    }

    /** Fields of the last parsed record. */
    public int fieldCount() {
        return count;
    }

    public int start(int field) {
        return starts[field];
    }

    public int end(int field) {
        return ends[field];
    }

    public boolean isQuoted(int field) {
        return quoted[field];
    }

    /** Whether a quoted field holds doubled quotes that {@link #unescape} turns into single ones. */
    public boolean hasEscapes(int field) {
        return escapes[field];
    }

    /** The structural error of the last record, or null. */
    public String error() {
        return error;
    }

    /**
     * If the last record spans several physical lines because a quoted field holds a line break,
     * the position after the first of them; else -1.
     */
    public int firstLineEnd() {
        return firstLineEnd;
    }

    /** Line feeds inside quoted fields of the last record (it spans that many more lines). */
    public int quotedLineBreaks() {
        return quotedLineBreaks;
    }

    /** Appends a field's content with doubled quotes made single. */
    public void unescape(byte[] b, int field, ByteBuilder out) {
        out.reset();
        int end = ends[field];
        for (int i = starts[field]; i < end; i++) {
            out.append(b[i]);
            if (b[i] == '"') {
                i++;
            }
        }
    }
}
