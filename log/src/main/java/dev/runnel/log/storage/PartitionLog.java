package dev.runnel.log.storage;

import dev.runnel.log.AppendResult;
import dev.runnel.log.CorruptRecordException;
import dev.runnel.log.FetchResult;
import dev.runnel.log.FsyncPolicy;
import dev.runnel.log.LogException;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.RecordTooLargeException;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The log of one partition: an ordered set of {@link LogSegment}s, the last one active.
 *
 * <p>Appends are stamped with consecutive offsets and the log's clock, written to the active
 * segment (rolled by size and age), forced to disk per the topic's {@link FsyncPolicy}, and only
 * then made visible to readers: the end offset readers see never covers bytes whose durability
 * promise does not yet hold.
 *
 * <p>Thread-safety: thread-safe. Appends, rolls, retention and segment swaps serialize on one lock;
 * reads take no lock and retry if a segment they were reading was swapped or deleted under them
 * (waiting for the lock once before each retry, so that the swap or deletion has finished).
 */
public final class PartitionLog implements AutoCloseable {
    private static final String RECOVERY_POINT = "recovery-point";
    private static final int READ_RETRIES = 8;
    private static final int TRIM_HEADERS = 8;

    private final TopicPartition tp;
    private final Path dir;
    private final Clock clock;
    private final DataSignal signal;
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final Object lock = new Object();
    private final List<String> repairs;

    private volatile TopicConfig config;
    private volatile long endOffset;
    private volatile long startOffset;
    private long nextOffset;
    private volatile boolean dirty;
    private volatile long lastFlushTime;
    private boolean closed;

    private PartitionLog(TopicPartition tp, Path dir, TopicConfig config, Clock clock, DataSignal signal,
            List<String> repairs) {
        this.tp = tp;
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.signal = signal;
        this.repairs = repairs;
    }

    /** Opens (creating if needed) and recovers the partition in {@code dir}. */
    public static PartitionLog open(TopicPartition tp, Path dir, TopicConfig config, Clock clock, DataSignal signal,
            boolean cleanShutdown) {
        try {
            Files.createDirectories(dir);
            long recoveryPoint = readRecoveryPoint(dir);
            LogRecovery.Result r = new LogRecovery(dir, tp, config.indexIntervalBytes(), config.segmentBytes())
                    .load(cleanShutdown, recoveryPoint);
            PartitionLog log = new PartitionLog(tp, dir, config, clock, signal, r.repairs());
            for (LogSegment s : r.segments()) {
                log.segments.put(s.baseOffset(), s);
            }
            if (log.segments.isEmpty()) {
                log.segments.put(0L, LogSegment.create(dir, 0, config.indexIntervalBytes()));
            }
            log.nextOffset = log.segments.lastEntry().getValue().nextOffset();
            log.endOffset = log.nextOffset;
            log.startOffset = log.segments.firstKey();
            log.lastFlushTime = clock.millis();
            if (!r.repairs().isEmpty() || !cleanShutdown) {
                log.flush();
            }
            return log;
        } catch (IOException e) {
            throw new StorageException("cannot open " + tp + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    /** The directory holding this partition's segment files. */
    public Path directory() {
        return dir;
    }

    public TopicConfig config() {
        return config;
    }

    public void updateConfig(TopicConfig newConfig) {
        this.config = newConfig;
    }

    /** What recovery repaired when this partition was opened (empty after a clean, intact open). */
    public List<String> repairs() {
        return repairs;
    }

    /** First offset that may still be read. */
    public long logStartOffset() {
        return startOffset;
    }

    /** Offset the next acknowledged record will get; readers see offsets below it. */
    public long logEndOffset() {
        return endOffset;
    }

    public long sizeInBytes() {
        long total = 0;
        for (LogSegment s : segments.values()) {
            total += s.size();
        }
        return total;
    }

    public int segmentCount() {
        return segments.size();
    }

    /**
     * Appends one batch built by {@link dev.runnel.log.record.RecordBatchBuilder} (its offsets,
     * append time and CRC are rewritten here). Returns once the batch is acknowledged.
     */
    public AppendResult append(ByteBuffer batch) {
        RecordBatch view = new RecordBatch(batch);
        int bytes = view.sizeInBytes();
        TopicConfig cfg = config;
        if (bytes > cfg.segmentBytes()) {
            throw new RecordTooLargeException("a batch of " + bytes + " bytes is larger than segment.bytes ("
                    + cfg.segmentBytes() + ") of " + tp);
        }
        AppendResult result;
        synchronized (lock) {
            if (closed) {
                throw new LogException("PARTITION_CLOSED", tp + " is closed");
            }
            long now = clock.millis();
            LogSegment active = segments.lastEntry().getValue();
            if (!active.isEmpty() && ((long) active.size() + bytes > cfg.segmentBytes()
                    || now - active.firstAppendTime() >= cfg.segmentMs())) {
                active = rollLocked();
            }
            long first = nextOffset;
            RecordBatch.stamp(batch, batch.position(), first, now);
            active.append(batch);
            nextOffset = view.nextOffset();
            if (cfg.fsync() == FsyncPolicy.EVERY_BATCH) {
                forceLog(active);
                lastFlushTime = now;
            } else {
                dirty = true;
            }
            endOffset = nextOffset;
            result = new AppendResult(tp, first, nextOffset - 1, now, view.recordCount());
        }
        signal.signal();
        return result;
    }

    /**
     * Whole batches from {@code offset} on, about {@code maxBytes} (at least one batch if any).
     *
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start or beyond the end
     */
    public FetchResult read(long offset, int maxBytes) {
        return read(offset, maxBytes, null);
    }

    /**
     * Like {@link #read(long, int)} with {@code maxBytes = into.capacity()}, reading into
     * {@code into} (see {@link dev.runnel.log.LogStore#read(TopicPartition, long, ByteBuffer)} for
     * who owns the result): the result is a read-only view of {@code into} unless the first batch
     * does not fit, then a new buffer.
     */
    public FetchResult read(long offset, ByteBuffer into) {
        return read(offset, into.capacity(), into);
    }

    private FetchResult read(long offset, int maxBytes, ByteBuffer into) {
        for (int attempt = 0; ; attempt++) {
            try {
                return readOnce(offset, maxBytes, into);
            } catch (ClosedChannelException e) {
                if (attempt >= READ_RETRIES) {
                    throw new StorageException("segments of " + tp + " kept changing during a read", e);
                }
                awaitSegmentChange();
            } catch (IOException e) {
                throw new StorageException("cannot read " + tp + ": " + e.getMessage(), e);
            }
        }
    }

    private FetchResult readOnce(long offset, int maxBytes, ByteBuffer into) throws IOException {
        long end = endOffset;
        long start = startOffset;
        if (offset < start || offset > end) {
            throw new OffsetOutOfRangeException(tp, offset, start, end);
        }
        long want = offset;
        while (want < end) {
            Map.Entry<Long, LogSegment> e = segments.floorEntry(want);
            if (e == null) {
                e = segments.firstEntry();
            }
            LogSegment seg = e.getValue();
            int limit = seg.size();
            int pos = seg.positionOf(want, limit);
            if (pos >= 0) {
                FileBatchReader reader = new FileBatchReader(seg.channel(), limit, Integer.MAX_VALUE);
                RecordBatch first = reader.header(pos);
                int firstSize = first == null ? 0 : first.sizeInBytes();
                int n = wholeBatches(reader, pos, Math.max(maxBytes, firstSize), limit);
                ByteBuffer buf = into != null && n <= into.capacity() ? seg.read(pos, n, limit, into)
                        : seg.read(pos, n, limit);
                buf.limit(verifiedPrefix(buf, end, seg, pos));
                if (buf.hasRemaining()) {
                    return new FetchResult(tp, offset, buf.asReadOnlyBuffer(), start, end);
                }
                break;
            }
            Map.Entry<Long, LogSegment> next = segments.higherEntry(seg.baseOffset());
            if (next == null) {
                break;
            }
            want = next.getKey();
        }
        return FetchResult.empty(tp, offset, start, end);
    }

    /**
     * How many of the {@code n} bytes from {@code pos} to read: {@code n}, or less so that a large
     * batch that would not fit whole is not read only to be dropped (and read again by the next
     * fetch). Steps over at most {@link #TRIM_HEADERS} batch headers, so for large batches (columnar
     * blocks of megabytes) the read ends at a batch boundary, while for many small batches it costs a
     * few header reads and gives up.
     */
    private static int wholeBatches(FileBatchReader reader, int pos, int n, int limit) throws IOException {
        long at = pos;
        for (int i = 0; i < TRIM_HEADERS && at < limit; i++) {
            RecordBatch h = reader.header(at);
            if (h == null) {
                return n;
            }
            long next = at + h.sizeInBytes();
            if (next - pos > n) {
                return at > pos ? (int) (at - pos) : n;
            }
            at = next;
        }
        return n;
    }

    /**
     * Lets a segment swap or deletion that closed a segment a reader was using finish before the
     * reader retries: both hold the lock from closing the old segment until the segment map is
     * updated, so retrying at once would only find the closed segment again.
     */
    private void awaitSegmentChange() {
        synchronized (lock) {
            // nothing: acquiring the lock is the wait
        }
    }

    /**
     * Length of the prefix of {@code buf} made of whole, CRC-valid batches that start below
     * {@code end}. A bad batch ends the prefix; if it is the first one, the read fails, so damaged
     * bytes are never handed out as data.
     */
    private int verifiedPrefix(ByteBuffer buf, long end, LogSegment seg, int segmentPosition) {
        int p = 0;
        int lim = buf.limit();
        while (p + RecordBatch.LOG_OVERHEAD <= lim) {
            int size = buf.getInt(p + RecordBatch.LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (p + RecordBatch.HEADER_SIZE <= lim && buf.getLong(p) >= end) {
                break;
            }
            if (size >= RecordBatch.HEADER_SIZE && p + size > lim) {
                break;
            }
            RecordBatch batch = new RecordBatch(buf.duplicate().position(p).limit(Math.min(lim, p + Math.max(size, 0))));
            if (size < RecordBatch.HEADER_SIZE || !batch.isValid()) {
                if (p == 0) {
                    throw new CorruptRecordException("corrupt batch in " + tp + " at byte " + (segmentPosition + p)
                            + " of segment " + SegmentFiles.baseName(seg.baseOffset())
                            + ": it fails its size or CRC check; records from here on cannot be read");
                }
                break;
            }
            p += size;
        }
        return p;
    }

    /** The first offset whose record has event time >= {@code timestamp}, or empty if there is none yet. */
    public OptionalLong offsetForTimestamp(long timestamp) {
        for (int attempt = 0; ; attempt++) {
            try {
                long end = endOffset;
                for (LogSegment seg : segments.values()) {
                    if (seg.maxTimestamp() < timestamp) {
                        continue;
                    }
                    int limit = seg.size();
                    int pos = seg.positionOfTimestamp(timestamp, limit);
                    if (pos < 0) {
                        continue;
                    }
                    FileBatchReader reader = new FileBatchReader(seg.channel(), limit, Integer.MAX_VALUE);
                    for (long p = pos; p < limit; ) {
                        RecordBatch b = reader.batch(p);
                        if (b == null || b.baseOffset() >= end) {
                            break;
                        }
                        if (b.maxTimestamp() >= timestamp && b.isPayload()) {
                            // rows of a payload are opaque here: start at the block
                            return OptionalLong.of(Math.max(b.baseOffset(), startOffset));
                        }
                        if (b.maxTimestamp() >= timestamp) {
                            RecordCursor c = b.records();
                            while (c.next()) {
                                if (c.timestamp() >= timestamp) {
                                    return OptionalLong.of(Math.max(c.offset(), startOffset));
                                }
                            }
                        }
                        p += b.sizeInBytes();
                    }
                }
                return OptionalLong.empty();
            } catch (ClosedChannelException e) {
                if (attempt >= READ_RETRIES) {
                    throw new StorageException("segments of " + tp + " kept changing during a lookup", e);
                }
                awaitSegmentChange();
            } catch (IOException e) {
                throw new StorageException("cannot search " + tp + " by time: " + e.getMessage(), e);
            }
        }
    }

    /** Closes the active segment and starts a new one at the end offset. */
    public void roll() {
        synchronized (lock) {
            if (!segments.lastEntry().getValue().isEmpty()) {
                rollLocked();
            }
        }
    }

    private LogSegment rollLocked() {
        LogSegment old = segments.lastEntry().getValue();
        old.flush();
        LogSegment fresh = LogSegment.create(dir, nextOffset, config.indexIntervalBytes());
        segments.put(nextOffset, fresh);
        writeRecoveryPoint(old.nextOffset());
        return fresh;
    }

    /**
     * Deletes whole non-active segments past {@code retention.ms} (by their newest append time) or
     * beyond {@code retention.bytes}, oldest first. Returns how many were deleted.
     */
    public int deleteExpiredSegments() {
        TopicConfig cfg = config;
        if (!cfg.cleanupPolicy().deletes()) {
            return 0;
        }
        int deleted = 0;
        synchronized (lock) {
            long now = clock.millis();
            long total = sizeInBytes();
            while (segments.size() > 1) {
                LogSegment oldest = segments.firstEntry().getValue();
                // an inactive segment compaction emptied has no append time and nothing to lose
                boolean expired = oldest.isEmpty() || cfg.retentionMs() >= 0 && oldest.maxAppendTime() >= 0
                        && now - oldest.maxAppendTime() > cfg.retentionMs();
                boolean tooBig = cfg.retentionBytes() >= 0 && total - oldest.size() >= cfg.retentionBytes();
                if (!expired && !tooBig) {
                    break;
                }
                segments.remove(oldest.baseOffset());
                startOffset = segments.firstKey();
                total -= oldest.size();
                oldest.delete();
                deleted++;
            }
        }
        return deleted;
    }

    /** Segments that are no longer written (all but the active one), oldest first. */
    public List<LogSegment> inactiveSegments() {
        List<LogSegment> all = new ArrayList<>(segments.values());
        return all.subList(0, all.size() - 1);
    }

    /** The segment that appends go to. */
    public LogSegment activeSegment() {
        return segments.lastEntry().getValue();
    }

    /**
     * Replaces {@code old} by the compacted file {@code swapFile} (a complete, fsynced
     * {@code .log.swap}). Returns false if {@code old} is no longer part of the log.
     */
    public boolean swapSegment(LogSegment old, Path swapFile) {
        synchronized (lock) {
            if (segments.get(old.baseOffset()) != old || old == segments.lastEntry().getValue()) {
                return false;
            }
            try {
                old.close();
                LogSegment.atomicMove(swapFile, SegmentFiles.log(dir, old.baseOffset()));
                Files.deleteIfExists(SegmentFiles.index(dir, old.baseOffset()));
                Files.deleteIfExists(SegmentFiles.timeIndex(dir, old.baseOffset()));
                LogRecovery.Result r = new LogRecovery(dir, tp, config.indexIntervalBytes(), config.segmentBytes())
                        .loadOne(old.baseOffset());
                segments.put(old.baseOffset(), r.segments().get(0));
                return true;
            } catch (IOException e) {
                throw new StorageException("cannot swap compacted segment into " + tp + ": " + e.getMessage(), e);
            }
        }
    }

    /** Forces unflushed appends to disk (for {@code fsync = interval}) and records the recovery point. */
    public void flush() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            LogSegment active = segments.lastEntry().getValue();
            active.flush();
            dirty = false;
            lastFlushTime = clock.millis();
            writeRecoveryPoint(nextOffset);
        }
    }

    /** Flushes if there are unflushed appends older than {@code fsync.interval.ms}. */
    public void maybeFlush() {
        TopicConfig cfg = config;
        if (dirty && cfg.fsync() == FsyncPolicy.INTERVAL && clock.millis() - lastFlushTime >= cfg.fsyncIntervalMs()) {
            flush();
        }
    }

    private void forceLog(LogSegment active) {
        try {
            active.channel().force(false);
        } catch (IOException e) {
            throw new StorageException("cannot fsync " + tp + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            flush();
            closed = true;
            for (LogSegment s : segments.values()) {
                s.close();
            }
        }
    }

    /** Closes and removes every file of this partition. */
    public void deleteFiles() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                for (LogSegment s : segments.values()) {
                    s.close();
                }
            }
        }
    }

    private void writeRecoveryPoint(long offset) {
        try {
            Path tmp = dir.resolve(RECOVERY_POINT + ".tmp");
            Files.writeString(tmp, Long.toString(offset), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(RECOVERY_POINT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot write recovery point of " + tp + ": " + e.getMessage(), e);
        }
    }

    private static long readRecoveryPoint(Path dir) {
        try {
            Path p = dir.resolve(RECOVERY_POINT);
            return Files.exists(p) ? Long.parseLong(Files.readString(p).trim()) : 0L;
        } catch (IOException | NumberFormatException e) {
            return 0L;
        }
    }

    @Override
    public String toString() {
        return "PartitionLog[" + tp + ", start=" + startOffset + ", end=" + endOffset + ", segments="
                + segments.size() + "]";
    }
}
