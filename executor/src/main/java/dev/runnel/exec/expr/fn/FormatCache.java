package dev.runnel.exec.expr.fn;

import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/** Remembers the last DATE_FORMAT formatter built for a non-constant pattern operand. Single-threaded. */
public final class FormatCache {
    private byte[] source;
    private DateTimeFormatter formatter;

    public DateTimeFormatter get(byte[] pattern) {
        if (formatter == null || !Arrays.equals(pattern, source)) {
            formatter = TimeFunctions.formatter(Utf8.decode(pattern));
            source = pattern;
        }
        return formatter;
    }
}
