package dev.runnel.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A record to append: nullable key, nullable value (null = tombstone), event timestamp and headers.
 *
 * <p>{@code timestamp} is the event time in epoch milliseconds; {@link #NO_TIMESTAMP} means "use the
 * producer time of the batch". Immutable by convention: the arrays are not copied.
 */
public record Record(byte[] key, byte[] value, long timestamp, List<Header> headers) {

    /** Marker for "no event time given": the batch's producer timestamp is used. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public Record {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public static Record of(byte[] key, byte[] value) {
        return new Record(key, value, NO_TIMESTAMP, List.of());
    }

    public static Record of(byte[] key, byte[] value, long timestamp) {
        return new Record(key, value, timestamp, List.of());
    }

    public static Record of(String key, String value, long timestamp) {
        return new Record(utf8(key), utf8(value), timestamp, List.of());
    }

    public static Record of(String key, String value) {
        return of(key, value, NO_TIMESTAMP);
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** Upper bound of the encoded size, used to enforce the maximum record size before writing. */
    public int approximateSize() {
        int size = 40 + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += 10 + h.key().length() * 3 + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r
                && timestamp == r.timestamp
                && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "Record[key=" + render(key) + ", value=" + render(value) + ", timestamp=" + timestamp + "]";
    }

    private static String render(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
