package dev.runnel.log.storage;

import dev.runnel.log.StorageException;
import dev.runnel.log.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * One segment of a partition: a log file of record batches (see {@link RecordBatch} for the byte
 * layout, batches simply concatenated) with its {@link OffsetIndex} and {@link TimeIndex}.
 *
 * <p>Thread-safety: a single writer appends (the partition's appender holds its lock); any number
 * of readers call {@link #read} and {@link #positionOf} concurrently and see a prefix of the
 * appended bytes. Loading and recovery happen before the segment is published.
 */
public final class LogSegment {
    private final Path dir;
    private final long baseOffset;
    private final int indexIntervalBytes;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;

    private volatile int size;
    private volatile long nextOffset;
    private volatile long maxTimestamp = Long.MIN_VALUE;
    private volatile long maxAppendTime = -1;
    private long firstAppendTime = -1;
    /** Starts "full" so the next tracked batch always gets an index entry. */
    private int bytesSinceLastIndexEntry = Integer.MAX_VALUE / 2;

    private LogSegment(Path dir, long baseOffset, int indexIntervalBytes, FileChannel channel) {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.channel = channel;
        this.offsetIndex = new OffsetIndex(SegmentFiles.index(dir, baseOffset));
        this.timeIndex = new TimeIndex(SegmentFiles.timeIndex(dir, baseOffset));
        this.nextOffset = baseOffset;
    }

    /** Creates a new, empty segment (files created; an existing log file of that name is emptied). */
    public static LogSegment create(Path dir, long baseOffset, int indexIntervalBytes) {
        try {
            FileChannel ch = FileChannel.open(SegmentFiles.log(dir, baseOffset), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            LogSegment s = new LogSegment(dir, baseOffset, indexIntervalBytes, ch);
            s.offsetIndex.reset();
            s.timeIndex.reset();
            return s;
        } catch (IOException e) {
            throw new StorageException("cannot create segment " + baseOffset + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens an existing segment without reading it; the caller loads or recovers it next. */
    static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes) throws IOException {
        FileChannel ch = FileChannel.open(SegmentFiles.log(dir, baseOffset), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        LogSegment s = new LogSegment(dir, baseOffset, indexIntervalBytes, ch);
        s.size = (int) Math.min(Integer.MAX_VALUE, ch.size());
        return s;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Bytes of log in this segment. */
    public int size() {
        return size;
    }

    /** The offset after the last batch (the base offset while empty). */
    public long nextOffset() {
        return nextOffset;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Largest event time in the segment, {@code Long.MIN_VALUE} while empty. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /** Latest append time in the segment (drives time retention), -1 while empty. */
    public long maxAppendTime() {
        return maxAppendTime;
    }

    /** Append time of the first batch (drives {@code segment.ms}), -1 while empty. */
    public long firstAppendTime() {
        return firstAppendTime;
    }

    Path logFile() {
        return SegmentFiles.log(dir, baseOffset);
    }

    FileChannel channel() {
        return channel;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    /**
     * Appends one stamped batch. The caller has checked that it fits ({@code size + bytes < 2 GiB})
     * and that its base offset is at least {@link #nextOffset()}.
     */
    public void append(ByteBuffer stampedBatch) {
        RecordBatch batch = new RecordBatch(stampedBatch);
        int bytes = batch.sizeInBytes();
        try {
            ByteBuffer src = stampedBatch.duplicate();
            long pos = size;
            while (src.hasRemaining()) {
                pos += channel.write(src, pos);
            }
        } catch (IOException e) {
            throw new StorageException("cannot append to " + logFile() + ": " + e.getMessage(), e);
        }
        track(batch, size);
        size += bytes;
    }

    /** Updates indexes and statistics for a batch at {@code position}; used by append, load and recovery. */
    void track(RecordBatch batch, int position) {
        if (bytesSinceLastIndexEntry >= indexIntervalBytes) {
            int rel = (int) (batch.baseOffset() - baseOffset);
            offsetIndex.append(rel, position);
            timeIndex.append(rel, maxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batch.sizeInBytes();
        if (batch.maxTimestamp() > maxTimestamp) {
            maxTimestamp = batch.maxTimestamp();
        }
        if (firstAppendTime < 0) {
            firstAppendTime = batch.appendTime();
        }
        maxAppendTime = Math.max(maxAppendTime, batch.appendTime());
        nextOffset = batch.nextOffset();
    }

    void setFirstAppendTime(long t) {
        firstAppendTime = t;
    }

    /** Sets the byte size after recovery decided how much of the file is valid, truncating the file. */
    void truncateTo(int validBytes) throws IOException {
        if (channel.size() > validBytes) {
            channel.truncate(validBytes);
        }
        size = validBytes;
    }

    /** Forgets statistics and indexes before a full rescan. */
    void resetForRescan() {
        offsetIndex.reset();
        timeIndex.reset();
        bytesSinceLastIndexEntry = Integer.MAX_VALUE / 2;
        maxTimestamp = Long.MIN_VALUE;
        maxAppendTime = -1;
        firstAppendTime = -1;
        nextOffset = baseOffset;
    }

    /** Prepares the in-memory statistics after a clean load: indexes loaded, tail from last entry rescanned. */
    void resetTailFromLastIndexEntry() {
        int n = offsetIndex.entries();
        bytesSinceLastIndexEntry = Integer.MAX_VALUE / 2;
        if (n > 0) {
            maxTimestamp = timeIndex.entries() > 0 ? timeIndex.valueAt(timeIndex.entries() - 1) : Long.MIN_VALUE;
            // the last index entry is re-added by track() when the tail scan passes it; drop it first
            int rel = offsetIndex.relOffsetAt(n - 1);
            offsetIndex.truncateFrom(rel);
            timeIndex.truncateFrom(rel);
        }
    }

    /**
     * Position of the first batch whose last offset is >= {@code offset}, or -1 if the segment holds
     * no such batch (within the first {@code limit} bytes).
     */
    public int positionOf(long offset, int limit) throws IOException {
        int rel = (int) Math.max(0, Math.min(Integer.MAX_VALUE, offset - baseOffset));
        return scanHeaders(offsetIndex.lookupPosition(rel), limit, header -> header.lastOffset() >= offset);
    }

    /** Position of the first batch that may hold an event time >= {@code timestamp}, or -1. */
    public int positionOfTimestamp(long timestamp, int limit) throws IOException {
        int rel = timeIndex.lookupRelOffset(timestamp);
        return scanHeaders(offsetIndex.lookupPosition(rel), limit, header -> header.maxTimestamp() >= timestamp);
    }

    /** Walks batch headers from {@code from}: the position of the first one {@code wanted} accepts, or -1. */
    private int scanHeaders(long from, int limit, java.util.function.Predicate<RecordBatch> wanted) throws IOException {
        FileBatchReader reader = new FileBatchReader(channel, limit, Integer.MAX_VALUE);
        long pos = from;
        while (pos < limit) {
            RecordBatch header = reader.header(pos);
            if (header == null) {
                return -1;
            }
            if (wanted.test(header)) {
                return (int) pos;
            }
            pos += header.sizeInBytes();
        }
        return -1;
    }

    /** Reads up to {@code maxBytes} starting at {@code position}, not past {@code limit}. */
    public ByteBuffer read(int position, int maxBytes, int limit) throws IOException {
        int n = Math.max(0, Math.min(maxBytes, limit - position));
        ByteBuffer buf = ByteBuffer.allocate(n);
        FileBatchReader.readFully(channel, buf, position);
        return buf.flip();
    }

    /**
     * Reads up to {@code maxBytes} (at most {@code into.capacity()}) starting at {@code position},
     * not past {@code limit}, into {@code into} from its index 0; returns {@code into}, flipped.
     */
    public ByteBuffer read(int position, int maxBytes, int limit, ByteBuffer into) throws IOException {
        int n = Math.max(0, Math.min(Math.min(maxBytes, into.capacity()), limit - position));
        into.clear().limit(n);
        FileBatchReader.readFully(channel, into, position);
        return into.flip();
    }

    /** Forces log and indexes to disk. */
    public void flush() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new StorageException("cannot flush " + logFile() + ": " + e.getMessage(), e);
        }
        offsetIndex.flush();
        timeIndex.flush();
    }

    public void close() {
        try {
            offsetIndex.close();
            timeIndex.close();
            channel.close();
        } catch (IOException e) {
            throw new StorageException("cannot close " + logFile() + ": " + e.getMessage(), e);
        }
    }

    /** Closes and deletes the segment's files. */
    public void delete() {
        close();
        try {
            Files.deleteIfExists(logFile());
            Files.deleteIfExists(offsetIndex.file());
            Files.deleteIfExists(timeIndex.file());
        } catch (IOException e) {
            throw new StorageException("cannot delete segment " + logFile() + ": " + e.getMessage(), e);
        }
    }

    /** Moves a file aside atomically (used by compaction's swap). */
    static void atomicMove(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String toString() {
        return "LogSegment[" + logFile() + ", size=" + size + ", nextOffset=" + nextOffset + "]";
    }
}
