package dev.runnel.log.kafka;

import dev.runnel.log.Compression;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import dev.runnel.log.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Re-encodes fetched Kafka records of one partition into Runnel {@link dev.runnel.log.record.RecordBatch}es,
 * so every reader of the log (scans, consumers, dump) works unchanged on Kafka. Consecutive records
 * go into one batch while they share producer time and append time and, when tagged, continue one
 * producer's sequence; each record keeps its Kafka offset (gaps left by compaction stay gaps, as in
 * a compacted embedded batch). Kafka's offset is Runnel's offset, one per record.
 *
 * <p>Not thread-safe (a scratch builder): one encoder per reader.
 */
final class BatchEncoder {
    /** A batch is closed at about this many bytes of key and value. */
    private static final int BATCH_BYTES = 256 * 1024;

    private final RecordBatchBuilder builder = new RecordBatchBuilder();

    /** What {@link #encode} produced: the batches and how many of the given records they hold. */
    record Encoded(ByteBuffer batches, int used) {}

    /**
     * Encodes {@code records[from..]} into batches of about {@code maxBytes} in all (at least one
     * batch). When every record is used and {@code nextOffset} lies beyond the last record (offsets
     * a fetch skipped, such as transaction markers), the last batch spans up to it, so a reader
     * continues from {@code nextOffset}; pass -1 if unknown.
     */
    Encoded encode(List<ConsumerRecord<byte[], byte[]>> records, int from, int maxBytes, long nextOffset) {
        List<ByteBuffer> out = new ArrayList<>();
        int total = 0;
        int i = from;
        int n = records.size();
        while (i < n && (out.isEmpty() || total < maxBytes)) {
            ConsumerRecord<byte[], byte[]> first = records.get(i);
            long producerTime = first.timestamp();
            ProducerTag tag = RecordMapping.tag(first);
            List<Record> batch = new ArrayList<>();
            int bytes = 0;
            int j = i;
            while (j < n && bytes < BATCH_BYTES) {
                ConsumerRecord<byte[], byte[]> r = records.get(j);
                if (j > i && (r.timestamp() != producerTime || !continues(tag, j - i, r))) {
                    break;
                }
                batch.add(RecordMapping.toRunnel(r));
                bytes += 64 + (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                j++;
            }
            long base = first.offset();
            int[] deltas = new int[j - i];
            for (int k = 0; k < deltas.length; k++) {
                deltas[k] = (int) (records.get(i + k).offset() - base);
            }
            long last = records.get(j - 1).offset();
            if (j == n && nextOffset > last + 1 && nextOffset - base < Integer.MAX_VALUE) {
                last = nextOffset - 1;
            }
            ByteBuffer built = builder.rebuild(batch, deltas, base, (int) (last - base), Compression.NONE,
                    producerTime, RecordMapping.appendTime(first), tag);
            out.add(built);
            total += built.remaining();
            i = j;
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (ByteBuffer b : out) {
            all.put(b);
        }
        return new Encoded(all.flip(), i - from);
    }

    /** Whether {@code r}, {@code k} records after a batch's first, continues the first's tag. */
    private static boolean continues(ProducerTag first, int k, ConsumerRecord<byte[], byte[]> r) {
        ProducerTag t = RecordMapping.tag(r);
        if (first.isNone() || t.isNone()) {
            return first.isNone() && t.isNone();
        }
        return t.producerId() == first.producerId() && t.epoch() == first.epoch()
                && t.firstSequence() == first.firstSequence() + k;
    }
}
