package dev.runnel.exec.expr.fn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;

/**
 * VARCHAR functions on UTF-8 bytes, the form compiled code holds strings in. Byte order is code
 * point order, so comparisons never decode; lengths and positions count code points. Inputs are
 * valid UTF-8. Stateless.
 */
public final class Utf8 {
    public static final byte[] EMPTY = new byte[0];

    private Utf8() {}

    /** Value {@code i} of a VarCharVector given its offset and data buffers. */
    public static byte[] read(ArrowBuf offsets, ArrowBuf data, int i) {
        int start = offsets.getInt((long) i << 2);
        int end = offsets.getInt(((long) i + 1) << 2);
        byte[] b = new byte[end - start];
        data.getBytes(start, b, 0, b.length);
        return b;
    }

    public static String decode(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    public static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sign of the comparison in code point order. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static boolean equals(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    /** Compares {@code data[start..end)} with {@code lit} in code point order. */
    public static int compare(ArrowBuf data, int start, int end, byte[] lit) {
        return ByteFunctionHelpers.compare(data, start, end, lit, 0, lit.length);
    }

    public static boolean equals(ArrowBuf data, int start, int end, byte[] lit) {
        if (end - start != lit.length) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (data.getByte(start + i) != lit[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    public static int charLength(byte[] b) {
        int n = 0;
        for (byte x : b) {
            if (!isContinuation(x)) {
                n++;
            }
        }
        return n;
    }

    public static int charLength(ArrowBuf data, int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (!isContinuation(data.getByte(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    public static byte[] upper(byte[] b) {
        if (!isAscii(b)) {
            return encode(decode(b).toUpperCase(Locale.ROOT));
        }
        byte[] r = b.clone();
        for (int i = 0; i < r.length; i++) {
            if (r[i] >= 'a' && r[i] <= 'z') {
                r[i] -= 32;
            }
        }
        return r;
    }

    public static byte[] lower(byte[] b) {
        if (!isAscii(b)) {
            return encode(decode(b).toLowerCase(Locale.ROOT));
        }
        byte[] r = b.clone();
        for (int i = 0; i < r.length; i++) {
            if (r[i] >= 'A' && r[i] <= 'Z') {
                r[i] += 32;
            }
        }
        return r;
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Byte offset of the code point that starts {@code chars} code points into {@code b} (or b.length). */
    private static int offsetOf(byte[] b, long chars) {
        int i = 0;
        long seen = 0;
        while (i < b.length) {
            if (!isContinuation(b[i])) {
                if (seen == chars) {
                    return i;
                }
                seen++;
            }
            i++;
        }
        return b.length;
    }

    /** SUBSTRING(s FROM start) with 1-based start; a start below 1 counts from 1. */
    public static byte[] substring(byte[] s, long start) {
        int from = offsetOf(s, Math.max(start, 1) - 1);
        return Arrays.copyOfRange(s, from, s.length);
    }

    /**
     * SUBSTRING(s FROM start FOR length), SQL's rule: the characters at positions
     * {@code [start, start + length)} that exist; a negative length is a data error.
     */
    public static byte[] substring(byte[] s, long start, long length) {
        if (length < 0) {
            throw SqlErrors.data("negative substring length not allowed");
        }
        long end = length > Long.MAX_VALUE - Math.max(start, 0) ? Long.MAX_VALUE : start + length; // exclusive, 1-based
        long first = Math.max(start, 1);
        if (end <= first) {
            return EMPTY;
        }
        int from = offsetOf(s, first - 1);
        int to = offsetOf(s, end - 1);
        return Arrays.copyOfRange(s, from, Math.max(from, to));
    }

    /** POSITION(sub IN s): 1-based code point index of the first occurrence, 0 if absent, 1 for an empty sub. */
    public static int position(byte[] sub, byte[] s) {
        int at = indexOf(s, 0, s.length, sub);
        if (at < 0) {
            return 0;
        }
        int n = 1;
        for (int i = 0; i < at; i++) {
            if (!isContinuation(s[i])) {
                n++;
            }
        }
        return n;
    }

    /** First index of {@code pat} in {@code s[from..to)}, or -1. */
    public static int indexOf(byte[] s, int from, int to, byte[] pat) {
        if (pat.length == 0) {
            return from;
        }
        byte first = pat[0];
        int last = to - pat.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (s[i] != first) {
                continue;
            }
            for (int k = 1; k < pat.length; k++) {
                if (s[i + k] != pat[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** First index of {@code pat} in {@code data[from..to)}, or -1. */
    public static int indexOf(ArrowBuf data, int from, int to, byte[] pat) {
        if (pat.length == 0) {
            return from;
        }
        byte first = pat[0];
        int last = to - pat.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (data.getByte(i) != first) {
                continue;
            }
            for (int k = 1; k < pat.length; k++) {
                if (data.getByte(i + k) != pat[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether {@code s[at..)} starts with {@code pat}. */
    public static boolean regionMatches(byte[] s, int at, byte[] pat) {
        if (at < 0 || at + pat.length > s.length) {
            return false;
        }
        for (int k = 0; k < pat.length; k++) {
            if (s[at + k] != pat[k]) {
                return false;
            }
        }
        return true;
    }

    public static boolean regionMatches(ArrowBuf data, int at, int end, byte[] pat) {
        if (at + pat.length > end) {
            return false;
        }
        for (int k = 0; k < pat.length; k++) {
            if (data.getByte(at + k) != pat[k]) {
                return false;
            }
        }
        return true;
    }
}
