package dev.runnel.exec.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that encoders append to and reuse across rows, so building keys and record
 * values allocates nothing per value. Not thread-safe.
 */
public final class ByteBuilder {
    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int length;

    public ByteBuilder(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public ByteBuilder() {
        this(256);
    }

    /** The backing array; bytes {@code [0, length())} are the content. Valid until the next append. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    /** Cuts the content back to {@code newLength} bytes. */
    public void truncate(int newLength) {
        length = newLength;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    public void ensureSpace(int more) {
        if (length + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) length + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a single value is larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    public ByteBuilder append(byte b) {
        ensureSpace(1);
        buf[length++] = b;
        return this;
    }

    public ByteBuilder append(char asciiChar) {
        return append((byte) asciiChar);
    }

    public ByteBuilder append(byte[] b, int off, int len) {
        ensureSpace(len);
        System.arraycopy(b, off, buf, length, len);
        length += len;
        return this;
    }

    public ByteBuilder append(byte[] b) {
        return append(b, 0, b.length);
    }

    /** Appends a string known to be ASCII (numbers rendered by the JDK, fixed words). */
    public ByteBuilder appendAscii(String s) {
        int n = s.length();
        ensureSpace(n);
        for (int i = 0; i < n; i++) {
            buf[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a string as UTF-8. */
    public ByteBuilder appendUtf8(String s) {
        return append(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends the decimal digits of {@code v}, without allocating. */
    public ByteBuilder appendLong(long v) {
        if (v == Long.MIN_VALUE) {
            return append(LONG_MIN);
        }
        if (v < 0) {
            append((byte) '-');
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        ensureSpace(digits);
        int pos = length + digits;
        do {
            buf[--pos] = DIGITS[(int) (v % 10)];
            v /= 10;
        } while (v != 0);
        length += digits;
        return this;
    }

    /** Appends {@code v >= 0} as exactly {@code width} digits, zero-padded ({@code v} must fit). */
    public ByteBuilder appendPaddedLong(long v, int width) {
        ensureSpace(width);
        for (int i = width - 1; i >= 0; i--) {
            buf[length + i] = DIGITS[(int) (v % 10)];
            v /= 10;
        }
        length += width;
        return this;
    }

    /** Appends {@code v} as exactly {@code width} digits, zero-padded ({@code v} must fit). */
    public ByteBuilder appendPadded(int v, int width) {
        ensureSpace(width);
        for (int i = width - 1; i >= 0; i--) {
            buf[length + i] = DIGITS[v % 10];
            v /= 10;
        }
        length += width;
        return this;
    }

    @Override
    public String toString() {
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }
}
