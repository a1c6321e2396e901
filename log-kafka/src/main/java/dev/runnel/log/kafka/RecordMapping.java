package dev.runnel.log.kafka;

import dev.runnel.log.Header;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * How a Runnel {@link Record} is one Kafka record, one to one: key, value (null = tombstone) and
 * headers as they are; the Kafka record timestamp is the producer time ({@code _timestamp}), or
 * the broker's append time on a {@code LogAppendTime} topic. Runnel's extra facts travel in
 * headers whose names start with {@value #PREFIX}, which readers strip again:
 * <ul>
 *   <li>{@value #EVENT_TIME}: the event time (8 bytes, big-endian) when it differs from the record
 *       timestamp; absent, the record timestamp is the event time (so records written by other
 *       Kafka clients have their timestamp as event time);</li>
 *   <li>{@value #TAG}: the {@link ProducerTag} of a tagged append, per record: producer id, epoch and
 *       the record's own sequence (3 × 8 bytes).</li>
 * </ul>
 * Stateless.
 */
final class RecordMapping {
    static final String PREFIX = "runnel.";
    static final String EVENT_TIME = "runnel.et";
    static final String TAG = "runnel.tag";

    private RecordMapping() {}

    /** The Kafka record for {@code r}, the {@code index}-th record of an append tagged {@code tag}. */
    static ProducerRecord<byte[], byte[]> toKafka(String topic, int partition, Record r, long producerTime,
            ProducerTag tag, int index) {
        List<Header> hs = r.headers();
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < hs.size(); i++) {
            Header h = hs.get(i);
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        if (r.timestamp() != Record.NO_TIMESTAMP && r.timestamp() != producerTime) {
            headers.add(new RecordHeader(EVENT_TIME, ByteBuffer.allocate(8).putLong(0, r.timestamp()).array()));
        }
        if (!tag.isNone()) {
            byte[] t = ByteBuffer.allocate(24).putLong(tag.producerId()).putLong(tag.epoch())
                    .putLong(tag.firstSequence() + index).array();
            headers.add(new RecordHeader(TAG, t));
        }
        return new ProducerRecord<>(topic, partition, producerTime, r.key(), r.value(), headers);
    }

    /** The event time of a fetched record: its header, else its timestamp. */
    static long eventTime(ConsumerRecord<byte[], byte[]> r) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader(EVENT_TIME);
        return h != null && h.value() != null && h.value().length == 8 ? ByteBuffer.wrap(h.value()).getLong()
                : r.timestamp();
    }

    /** The tag of a fetched record (its own sequence as {@code firstSequence}), or NONE. */
    static ProducerTag tag(ConsumerRecord<byte[], byte[]> r) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader(TAG);
        if (h == null || h.value() == null || h.value().length != 24) {
            return ProducerTag.NONE;
        }
        ByteBuffer b = ByteBuffer.wrap(h.value());
        return new ProducerTag(b.getLong(), b.getLong(), b.getLong());
    }

    /** When the log appended the record: the broker's time on LogAppendTime topics, else the record timestamp. */
    static long appendTime(ConsumerRecord<byte[], byte[]> r) {
        return r.timestamp();
    }

    static boolean isLogAppendTime(ConsumerRecord<byte[], byte[]> r) {
        return r.timestampType() == TimestampType.LOG_APPEND_TIME;
    }

    /** The record as Runnel sees it: user headers only, event time resolved. */
    static Record toRunnel(ConsumerRecord<byte[], byte[]> r) {
        Headers kh = r.headers();
        List<Header> headers = List.of();
        for (org.apache.kafka.common.header.Header h : kh) {
            if (h.key().startsWith(PREFIX)) {
                continue;
            }
            if (headers.isEmpty()) {
                headers = new ArrayList<>(2);
            }
            headers.add(new Header(h.key(), h.value()));
        }
        return new Record(r.key(), r.value(), eventTime(r), headers);
    }
}
