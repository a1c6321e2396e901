package dev.runnel.log;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A record as read back: where it sits (partition, offset) and its three clocks — event time
 * ({@code timestamp}), producer time and log append time. Immutable by convention.
 */
public record ConsumedRecord(TopicPartition partition, long offset, byte[] key, byte[] value, long timestamp,
        long producerTimestamp, long appendTime, List<Header> headers) {

    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public String valueString() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return partition + "@" + offset + "[key=" + keyString() + ", value=" + valueString() + ", timestamp="
                + timestamp + "]";
    }
}
