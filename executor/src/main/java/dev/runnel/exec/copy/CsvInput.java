package dev.runnel.exec.copy;

import dev.runnel.exec.format.BadValueException;
import dev.runnel.exec.format.CsvFormat;
import dev.runnel.exec.format.CsvParser;
import dev.runnel.exec.format.VectorRowWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * Csv records of a file (RFC 4180, see {@link CsvParser}) parsed straight out of the read buffer.
 * Blank lines are skipped; with {@code header}, so is the first record. A malformed record whose
 * quoted field runs over line breaks (usually a stray quote) costs only its first physical line:
 * that line is rejected and parsing resumes on the next one, so one bad quote cannot swallow the
 * rest of the file. Not thread-safe.
 */
final class CsvInput implements InputRows {
    private final FileInput in;
    private final CsvFormat format;
    private final CsvParser parser;
    private final int columns;
    private final int maxRecordBytes;
    private boolean header;
    private long line;
    private long nextLine;
    private String reason;
    private byte[] raw;
    private int lastStart;
    private int lastEnd;

    CsvInput(FileInput in, CsvFormat format, boolean header, int maxRecordBytes, long startLine) {
        this.in = in;
        this.format = format;
        this.parser = new CsvParser(format.options().delimiter());
        this.columns = format.columns().size();
        this.header = header;
        this.maxRecordBytes = maxRecordBytes;
        this.nextLine = startLine;
    }

    @Override
    public Outcome next(VectorRowWriter writer) throws IOException {
        while (true) {
            if (in.pos >= in.limit && !in.fill(maxRecordBytes)) {
                return Outcome.END;
            }
            int start = in.pos;
            int end = parser.parse(in.buf, start, in.limit, in.eof);
            if (end == CsvParser.NEED_MORE) {
                if (in.limit - start >= maxRecordBytes) {
                    return tooLong();
                }
                in.fill(maxRecordBytes);
                continue;
            }
            line = nextLine;
            long lines = parser.quotedLineBreaks() + (endsWithLineBreak(start, end) ? 1 : 0);
            boolean blank = parser.fieldCount() == 1 && parser.error() == null && !parser.isQuoted(0)
                    && parser.start(0) == parser.end(0);
            if (blank || header) {
                header = false;
                in.pos = end;
                nextLine += Math.max(lines, 1);
                continue;
            }
            if (parser.error() != null || parser.fieldCount() != columns) {
                String why = parser.error() != null ? parser.error()
                        : "expected " + columns + " fields, found " + parser.fieldCount();
                int firstLine = parser.firstLineEnd();
                if (firstLine > 0 && firstLine < end) {
                    return bad(why + " (a quoted field runs past the end of this line, so the line is rejected"
                            + " alone)", start, firstLine, 1);
                }
                return bad(why, start, end, lines);
            }
            try {
                format.toRow(parser, in.buf, writer);
            } catch (BadValueException e) {
                return bad(e.reason(), start, end, lines);
            }
            lastStart = start;
            lastEnd = end;
            in.pos = end;
            nextLine += Math.max(lines, 1);
            return Outcome.ROW;
        }
    }

    private boolean endsWithLineBreak(int start, int end) {
        return end > start && (in.buf[end - 1] == '\n' || in.buf[end - 1] == '\r');
    }

    private Outcome bad(String why, int start, int end, long lines) {
        reason = why;
        int e = end;
        while (e > start && (in.buf[e - 1] == '\n' || in.buf[e - 1] == '\r')) {
            e--;
        }
        raw = Arrays.copyOfRange(in.buf, start, e);
        in.pos = end;
        nextLine += Math.max(lines, 1);
        return Outcome.BAD;
    }

    /** A record longer than allowed: reject its first line, or skip the over-long line itself. */
    private Outcome tooLong() throws IOException {
        line = nextLine;
        int start = in.pos;
        int firstLine = parser.firstLineEnd();
        String why = "record longer than " + maxRecordBytes + " bytes";
        if (firstLine > 0) {
            return bad(why + " (a quoted field runs past the end of this line, so the line is rejected alone)", start,
                    firstLine, 1);
        }
        reason = why;
        raw = Arrays.copyOfRange(in.buf, start, start + Math.min(1024, in.limit - start));
        while (true) {
            int i = in.pos;
            while (i < in.limit && in.buf[i] != '\n') {
                i++;
            }
            if (i < in.limit) {
                in.pos = i + 1;
                break;
            }
            in.pos = in.limit;
            if (!in.fill(maxRecordBytes)) {
                break;
            }
        }
        nextLine++;
        return Outcome.BAD;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public long nextLine() {
        return nextLine;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public byte[] raw() {
        return raw;
    }

    @Override
    public byte[] lastRecord() {
        int e = lastEnd;
        while (e > lastStart && (in.buf[e - 1] == '\n' || in.buf[e - 1] == '\r')) {
            e--;
        }
        return Arrays.copyOfRange(in.buf, lastStart, e);
    }
}
