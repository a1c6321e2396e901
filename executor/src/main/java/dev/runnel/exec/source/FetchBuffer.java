package dev.runnel.exec.source;

import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;

/**
 * Where a log scan's fetches land: scan memory the log reads into directly, and columnar blocks
 * load vectors from without a copy. A batch larger than the buffer (a columnar block of 65,536 wide
 * rows is ~15 MB) would be read by the log into a new heap array, zeroed and copied, and its vectors
 * copied again; once one is seen ({@link #saw}), the next buffer is large enough to hold it (up to
 * {@link #MAX_BYTES}), so the following blocks are read in place like small ones. How large it has
 * grown is part of a scan's checkpoint ({@link #needed}): it decides where fetches end. Single-threaded.
 */
final class FetchBuffer implements AutoCloseable {
    /** The most a fetch buffer grows to; larger batches are read the log's allocating way. */
    static final int MAX_BYTES = 64 << 20;

    private final int configuredBytes;
    private BufferAllocator allocator;
    private ArrowBuf buffer;
    private ByteBuffer view;
    /** The size the next buffer must have; -1 once the scan's memory could not take a larger one. */
    private int neededBytes;

    FetchBuffer(int configuredBytes) {
        this.configuredBytes = configuredBytes;
    }

    void open(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * The buffer the next fetch is read into: the previous fetch's, unless something downstream still
     * holds a slice of it (vectors loaded from it that were retained rather than released after
     * emit) or it is too small now; then that memory is left to its holders and a new buffer is taken.
     */
    ByteBuffer next() {
        if (buffer != null && (buffer.refCnt() != 1 || view.capacity() < neededBytes)) {
            buffer.close();
            buffer = null;
        }
        if (buffer == null) {
            int size = Math.max(configuredBytes, neededBytes);
            try {
                buffer = allocator.buffer(size);
            } catch (OutOfMemoryException e) {
                // the scan's memory cannot take a larger buffer: read big batches the allocating way
                neededBytes = -1;
                size = configuredBytes;
                buffer = allocator.buffer(size);
            }
            view = buffer.nioBuffer(0, size);
        }
        return view;
    }

    /** The memory the last fetch was read into (columnar blocks decode from it). */
    ArrowBuf memory() {
        return buffer;
    }

    /** A batch of {@code size} bytes came in the last fetch: grow for the next one if it did not fit. */
    void saw(long size) {
        if (neededBytes >= 0 && size > view.capacity() && size <= MAX_BYTES && size > neededBytes) {
            // a power of two, so blocks a little larger than this one do not grow it again
            neededBytes = (int) Math.min(MAX_BYTES, Long.highestOneBit(size - 1L) << 1);
        }
    }

    /** The size the next buffer will have at least (-1: never grows again); what a checkpoint keeps. */
    int needed() {
        return neededBytes;
    }

    /** Sets {@link #needed} from a checkpoint, so fetches end where the interrupted scan's did. */
    void needed(int bytes) {
        neededBytes = bytes;
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.close();
            buffer = null;
            view = null;
        }
    }
}
