package dev.runnel.log;

import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Whole record batches read from one partition, as one buffer, handed out without copying per record.
 * The first batch may begin before {@link #fetchOffset()} (a batch is never split); readers skip
 * records below it, which {@link #forEach} does for them.
 *
 * <p>Immutable view; the buffer is read-only. A result of
 * {@link LogStore#read(TopicPartition, long, ByteBuffer)} may be a view of the caller's buffer, valid
 * only until the caller reuses that buffer; other results own their buffer.
 */
public record FetchResult(TopicPartition partition, long fetchOffset, ByteBuffer records, long logStartOffset,
        long logEndOffset) implements Iterable<RecordBatch> {

    /** Receives one record of a fetch; the cursor is only valid during the call. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(RecordBatch batch, RecordCursor record);
    }

    public static FetchResult empty(TopicPartition tp, long offset, long logStartOffset, long logEndOffset) {
        return new FetchResult(tp, offset, ByteBuffer.allocate(0), logStartOffset, logEndOffset);
    }

    public boolean isEmpty() {
        return !records.hasRemaining();
    }

    public int sizeInBytes() {
        return records.remaining();
    }

    /** Offset to fetch next: after the last returned batch, or the fetch offset if none. */
    public long nextOffset() {
        long next = fetchOffset;
        for (RecordBatch b : this) {
            next = Math.max(next, b.nextOffset());
        }
        return next;
    }

    @Override
    public Iterator<RecordBatch> iterator() {
        ByteBuffer buf = records.duplicate();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return buf.remaining() >= RecordBatch.LOG_OVERHEAD;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int size = buf.getInt(buf.position() + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
                ByteBuffer slice = buf.slice().limit(size);
                buf.position(buf.position() + size);
                return new RecordBatch(slice);
            }
        };
    }

    /** Visits every record at or after the fetch offset, in order (payload batches are skipped). */
    public void forEach(RecordVisitor visitor) {
        for (RecordBatch batch : this) {
            if (batch.isPayload()) {
                continue;
            }
            RecordCursor c = batch.records();
            while (c.next()) {
                if (c.offset() >= fetchOffset) {
                    visitor.visit(batch, c);
                }
            }
        }
    }

    /** Copies the records at or after the fetch offset into objects (convenient, not for hot paths). */
    public List<ConsumedRecord> toRecords() {
        List<ConsumedRecord> out = new ArrayList<>();
        forEach((batch, c) -> out.add(new ConsumedRecord(partition, c.offset(), c.keyBytes(), c.valueBytes(),
                c.timestamp(), batch.producerTimestamp(), batch.appendTime(), c.headers())));
        return out;
    }
}
