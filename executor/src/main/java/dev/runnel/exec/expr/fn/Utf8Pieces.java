package dev.runnel.exec.expr.fn;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;

/**
 * String functions computed on UTF-8 bytes, without decoding to a {@code String}: SPLIT_INDEX and
 * the decoding of a column's value in place. A valid UTF-8 delimiter's bytes can only match at
 * character boundaries (UTF-8 is self-synchronizing), so a byte search finds exactly the pieces a
 * character search would. Stateless.
 */
public final class Utf8Pieces {
    private Utf8Pieces() {}

    /**
     * SPLIT_INDEX(s, delimiter, index) on bytes, as {@link StringFunctions#splitIndex}: the
     * index-th (0-based) piece of {@code s} split on the whole delimiter (empty pieces kept); NULL
     * for a negative or too large index, or an empty {@code s}; an empty delimiter leaves {@code s}
     * in one piece.
     */
    public static byte[] splitIndex(byte[] s, byte[] delimiter, long index) {
        if (index < 0 || s.length == 0) {
            return null;
        }
        if (delimiter.length == 0) {
            return index == 0 ? s : null;
        }
        int from = 0;
        for (long piece = 0; ; piece++) {
            int at = Utf8.indexOf(s, from, s.length, delimiter);
            if (piece == index) {
                int end = at < 0 ? s.length : at;
                return java.util.Arrays.copyOfRange(s, from, end);
            }
            if (at < 0) {
                return null;
            }
            from = at + delimiter.length;
        }
    }

    /** {@link #splitIndex(byte[], byte[], long)} on the value {@code data[start..end)} of a column, in place. */
    public static byte[] splitIndex(ArrowBuf data, int start, int end, byte[] delimiter, long index) {
        if (index < 0 || end == start) {
            return null;
        }
        if (delimiter.length == 0) {
            return index == 0 ? copy(data, start, end) : null;
        }
        int from = start;
        for (long piece = 0; ; piece++) {
            int at = Utf8.indexOf(data, from, end, delimiter);
            if (piece == index) {
                return copy(data, from, at < 0 ? end : at);
            }
            if (at < 0) {
                return null;
            }
            from = at + delimiter.length;
        }
    }

    /** The bytes {@code data[start..end)}. */
    public static byte[] copy(ArrowBuf data, int start, int end) {
        byte[] b = new byte[end - start];
        data.getBytes(start, b, 0, b.length);
        return b;
    }

    /** The text of {@code data[start..end)}. */
    public static String decode(ArrowBuf data, int start, int end) {
        return new String(copy(data, start, end), StandardCharsets.UTF_8);
    }
}
