package dev.runnel.log.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** How the CLI shows keys, values and times. Stateless. */
final class Render {
    private Render() {}

    /** UTF-8 text of the bytes, or {@code null} for a null key or a tombstone's value. */
    static String bytes(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }

    /** Epoch millis as an ISO-8601 instant in UTC, e.g. {@code 2025-01-31T12:00:00.250Z}. */
    static String time(long epochMillis) {
        if (epochMillis == Long.MIN_VALUE || epochMillis < -1L << 50 || epochMillis > 1L << 50) {
            return Long.toString(epochMillis);
        }
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
