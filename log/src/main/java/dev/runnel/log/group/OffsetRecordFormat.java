package dev.runnel.log.group;

import dev.runnel.log.GroupException;
import dev.runnel.log.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary key and value of a committed-offset record in the compacted topic
 * {@code __consumer_offsets}. All integers are big-endian, strings are UTF-8 prefixed by their byte
 * length as a signed 16-bit integer (so at most 32767 bytes).
 *
 * <h2>Key, version 0</h2>
 * <pre>
 * int16  version     0
 * int16  groupLength
 * bytes  group       UTF-8
 * int16  topicLength
 * bytes  topic       UTF-8
 * int32  partition
 * </pre>
 * One key per (group, topic, partition), so compaction keeps only the latest commit of each.
 *
 * <h2>Value, version 0</h2>
 * <pre>
 * int16  version     0
 * int64  offset      the next offset the group will read
 * int64  commitTime  epoch milliseconds, by the coordinator's clock
 * </pre>
 * A null value (tombstone) means the group's offset for that partition was deleted.
 *
 * <p>Stateless and thread-safe.
 */
final class OffsetRecordFormat {
    static final short KEY_VERSION = 0;
    static final short VALUE_VERSION = 0;
    private static final int VALUE_SIZE = 2 + 8 + 8;

    /** Which group's offset of which partition a record is about. */
    record OffsetKey(String group, TopicPartition partition) {}

    /** A committed offset and when it was committed. */
    record OffsetValue(long offset, long commitTime) {}

    private OffsetRecordFormat() {}

    static byte[] encodeKey(OffsetKey key) {
        byte[] group = utf8(key.group(), "group id");
        byte[] topic = utf8(key.partition().topic(), "topic name");
        return ByteBuffer.allocate(2 + 2 + group.length + 2 + topic.length + 4)
                .putShort(KEY_VERSION)
                .putShort((short) group.length).put(group)
                .putShort((short) topic.length).put(topic)
                .putInt(key.partition().partition())
                .array();
    }

    static byte[] encodeValue(OffsetValue value) {
        return ByteBuffer.allocate(VALUE_SIZE)
                .putShort(VALUE_VERSION)
                .putLong(value.offset())
                .putLong(value.commitTime())
                .array();
    }

    /** @throws IllegalArgumentException if the bytes are not a version-0 key */
    static OffsetKey decodeKey(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            short version = b.getShort();
            if (version != KEY_VERSION) {
                throw new IllegalArgumentException("unknown key version " + version);
            }
            String group = string(b);
            String topic = string(b);
            int partition = b.getInt();
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " unexpected trailing bytes in key");
            }
            return new OffsetKey(group, new TopicPartition(topic, partition));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("key is truncated (" + bytes.length + " bytes)", e);
        }
    }

    /** @throws IllegalArgumentException if the bytes are not a version-0 value */
    static OffsetValue decodeValue(byte[] bytes) {
        if (bytes.length != VALUE_SIZE) {
            throw new IllegalArgumentException("value has " + bytes.length + " bytes, expected " + VALUE_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        short version = b.getShort();
        if (version != VALUE_VERSION) {
            throw new IllegalArgumentException("unknown value version " + version);
        }
        return new OffsetValue(b.getLong(), b.getLong());
    }

    private static byte[] utf8(String s, String what) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new GroupException(what + " is " + bytes.length + " bytes in UTF-8; at most " + Short.MAX_VALUE
                    + " are allowed");
        }
        return bytes;
    }

    private static String string(ByteBuffer b) {
        int length = b.getShort();
        if (length < 0) {
            throw new IllegalArgumentException("negative string length " + length);
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
