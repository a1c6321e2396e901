package dev.runnel.exec.copy;

import dev.runnel.exec.format.BadValueException;
import dev.runnel.exec.format.JsonFormat;
import dev.runnel.exec.format.RecordFormat;
import dev.runnel.exec.format.VectorRowWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * One JSON object per line (JSON strings cannot hold a raw line break, so lines split records
 * safely), decoded by {@link JsonFormat}, or, for a table of change events, as the changes of
 * {@link RecordFormat#decodeChanges} (then the rows are already kept when {@link #next} returns
 * {@code ROW}: {@link #kept()} of them, kinds in {@link #kinds()}; a line that changes nothing,
 * such as {@code null}, is skipped). Blank lines are skipped; a trailing CR is ignored.
 * Not thread-safe.
 */
final class JsonLinesInput implements InputRows {
    private final FileInput in;
    private final RecordFormat format;
    private final boolean changes;
    private final int[] kinds = new int[2];
    private int kept;
    private final int maxRecordBytes;
    private long line;
    private long nextLine;
    private String reason;
    private byte[] raw;
    private int lastStart;
    private int lastEnd;

    JsonLinesInput(FileInput in, JsonFormat format, int maxRecordBytes, long startLine) {
        this(in, format, false, maxRecordBytes, startLine);
    }

    /** @param changes decode each line as the changes it makes ({@link RecordFormat#decodeChanges}) */
    JsonLinesInput(FileInput in, RecordFormat format, boolean changes, int maxRecordBytes, long startLine) {
        this.in = in;
        this.changes = changes;
        this.format = format;
        this.maxRecordBytes = maxRecordBytes;
        this.nextLine = startLine;
    }

    @Override
    public Outcome next(VectorRowWriter writer) throws IOException {
        while (true) {
            int start = in.pos;
            int nl = start;
            while (nl < in.limit && in.buf[nl] != '\n') {
                nl++;
            }
            if (nl == in.limit && !in.eof) {
                if (in.limit - start >= maxRecordBytes) {
                    return tooLong();
                }
                if (!in.fill(maxRecordBytes) && in.pos >= in.limit) {
                    return Outcome.END;
                }
                continue;
            }
            if (start >= in.limit) {
                return Outcome.END;
            }
            int end = nl;
            if (end > start && in.buf[end - 1] == '\r') {
                end--;
            }
            in.pos = Math.min(nl + 1, in.limit);
            line = nextLine++;
            if (isBlank(start, end)) {
                continue;
            }
            try {
                if (changes) {
                    kept = format.decodeChanges(in.buf, start, end - start, writer, true, kinds);
                    if (kept == 0) {
                        continue;
                    }
                } else {
                    format.decode(in.buf, start, end - start, writer);
                }
                lastStart = start;
                lastEnd = end;
                return Outcome.ROW;
            } catch (BadValueException e) {
                reason = e.reason();
                raw = Arrays.copyOfRange(in.buf, start, end);
                return Outcome.BAD;
            }
        }
    }

    private boolean isBlank(int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = in.buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private Outcome tooLong() throws IOException {
        line = nextLine++;
        reason = "line longer than " + maxRecordBytes + " bytes";
        raw = Arrays.copyOfRange(in.buf, in.pos, in.pos + Math.min(1024, in.limit - in.pos));
        while (true) {
            int i = in.pos;
            while (i < in.limit && in.buf[i] != '\n') {
                i++;
            }
            if (i < in.limit) {
                in.pos = i + 1;
                return Outcome.BAD;
            }
            in.pos = in.limit;
            if (!in.fill(maxRecordBytes)) {
                return Outcome.BAD;
            }
        }
    }

    /** Whether lines are read as changes whose rows {@link #next} keeps itself. */
    boolean changes() {
        return changes;
    }

    /** In changes mode, how many rows the last {@code ROW} kept. */
    int kept() {
        return kept;
    }

    /** In changes mode, the change kinds of the rows the last {@code ROW} kept. */
    int[] kinds() {
        return kinds;
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
