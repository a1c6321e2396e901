package dev.runnel.log.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.GroupException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.group.OffsetRecordFormat.OffsetKey;
import dev.runnel.log.group.OffsetRecordFormat.OffsetValue;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OffsetRecordFormatTest {

    @Test
    void keyBytesFollowTheDocumentedLayout() {
        byte[] key = OffsetRecordFormat.encodeKey(new OffsetKey("g1", new TopicPartition("tp", 258)));
        assertThat(key).containsExactly(
                0, 0, // version
                0, 2, 'g', '1', // group
                0, 2, 't', 'p', // topic
                0, 0, 1, 2); // partition 258
    }

    @Test
    void valueBytesFollowTheDocumentedLayout() {
        byte[] value = OffsetRecordFormat.encodeValue(new OffsetValue(5, 0x0102));
        assertThat(value).containsExactly(
                0, 0, // version
                0, 0, 0, 0, 0, 0, 0, 5, // offset
                0, 0, 0, 0, 0, 0, 1, 2); // commit time
    }

    @Test
    void roundTripsUnicodeNamesAndLargeNumbers() {
        OffsetKey key = new OffsetKey("grüppe-€", new TopicPartition("topic.ä", Integer.MAX_VALUE));
        OffsetValue value = new OffsetValue(Long.MAX_VALUE, 1_700_000_000_000L);
        assertThat(OffsetRecordFormat.decodeKey(OffsetRecordFormat.encodeKey(key))).isEqualTo(key);
        assertThat(OffsetRecordFormat.decodeValue(OffsetRecordFormat.encodeValue(value))).isEqualTo(value);
    }

    @Test
    void rejectsUnknownVersionsAndTruncatedBytes() {
        byte[] key = OffsetRecordFormat.encodeKey(new OffsetKey("g", new TopicPartition("t", 0)));
        assertThatThrownBy(() -> OffsetRecordFormat.decodeKey(Arrays.copyOf(key, key.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        key[1] = 1;
        assertThatThrownBy(() -> OffsetRecordFormat.decodeKey(key))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key version 1");
        byte[] value = OffsetRecordFormat.encodeValue(new OffsetValue(1, 2));
        assertThatThrownBy(() -> OffsetRecordFormat.decodeValue(Arrays.copyOf(value, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 18");
        value[1] = 7;
        assertThatThrownBy(() -> OffsetRecordFormat.decodeValue(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown value version 7");
    }

    @Test
    void refusesNamesTooLongForTheLengthPrefix() {
        String huge = "g".repeat(Short.MAX_VALUE + 1);
        assertThatThrownBy(() -> OffsetRecordFormat.encodeKey(new OffsetKey(huge, new TopicPartition("t", 0))))
                .isInstanceOf(GroupException.class).hasMessageContaining("group id is 32768 bytes");
    }
}
