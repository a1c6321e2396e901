package dev.runnel.log.storage;

import dev.runnel.log.record.RecordBatch;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads batches (or only their headers) at given positions of a segment's log file, checking only
 * that the bytes are there and the declared length is possible. CRC checks are the caller's.
 * Not thread-safe (reuses a buffer); cheap to create.
 */
final class FileBatchReader {
    private final FileChannel channel;
    private final long end;
    private final int maxBatchSize;
    private ByteBuffer buffer = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);

    FileBatchReader(FileChannel channel, long end, int maxBatchSize) {
        this.channel = channel;
        this.end = end;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * The header of the batch at {@code position} as a view whose record section is not loaded,
     * or null if no complete, plausibly sized batch starts there.
     */
    RecordBatch header(long position) throws IOException {
        return read(position, false);
    }

    /** The whole batch at {@code position}, or null if no complete, plausibly sized batch starts there. */
    RecordBatch batch(long position) throws IOException {
        return read(position, true);
    }

    private RecordBatch read(long position, boolean whole) throws IOException {
        if (position + RecordBatch.HEADER_SIZE > end) {
            return null;
        }
        ByteBuffer head = fill(position, RecordBatch.HEADER_SIZE);
        int size = head.getInt(RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
        if (size < RecordBatch.HEADER_SIZE || size > maxBatchSize || position + size > end) {
            return null;
        }
        if (!whole) {
            return new RecordBatch(head);
        }
        return new RecordBatch(fill(position, size));
    }

    private ByteBuffer fill(long position, int size) throws IOException {
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
        }
        buffer.clear().limit(size);
        readFully(channel, buffer, position);
        return buffer.flip();
    }

    static void readFully(FileChannel channel, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file at " + pos);
            }
            pos += n;
        }
    }
}
