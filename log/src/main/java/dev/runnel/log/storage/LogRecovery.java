package dev.runnel.log.storage;

import dev.runnel.log.StorageException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Opens a partition directory and makes it consistent, the way Kafka's {@code LogLoader} does:
 *
 * <ol>
 *   <li>finishes or rolls back an interrupted compaction: {@code .cleaned} files are deleted,
 *       complete {@code .swap} files replace their segment (and its indexes are rebuilt), unless the
 *       segment itself is gone (retention deleted it meanwhile), then they are deleted too;</li>
 *   <li>after a clean shutdown, loads each segment's indexes (rebuilding any that are missing or
 *       fail a sanity check) and rescans only the tail after the last index entry;</li>
 *   <li>after a crash, rescans every segment from the one holding the recovery point on, checking
 *       each batch's length, CRC and offset order; at the first bad batch the segment is truncated
 *       and later segments deleted, since nothing after damage can be trusted as data.</li>
 * </ol>
 * Every repair is reported in {@link Result#repairs()} and logged at WARNING.
 *
 * <p>Used single-threaded, before the partition is published.
 */
public final class LogRecovery {
    private static final System.Logger LOG = System.getLogger(LogRecovery.class.getName());

    /** The loaded segments in offset order and what was repaired on the way. */
    public record Result(List<LogSegment> segments, List<String> repairs) {}

    private final Path dir;
    private final TopicPartition tp;
    private final int indexIntervalBytes;
    private final int maxBatchSize;
    private final List<String> repairs = new ArrayList<>();

    public LogRecovery(Path dir, TopicPartition tp, int indexIntervalBytes, int maxBatchSize) {
        this.dir = dir;
        this.tp = tp;
        this.indexIntervalBytes = indexIntervalBytes;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * @param cleanShutdown whether the store was closed cleanly last time
     * @param recoveryPoint offsets below this were flushed before the last shutdown
     */
    public Result load(boolean cleanShutdown, long recoveryPoint) {
        try {
            finishInterruptedCleaning();
            TreeMap<Long, Path> logs = new TreeMap<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SegmentFiles.LOG)) {
                for (Path p : ds) {
                    long base = SegmentFiles.baseOffsetOf(p);
                    if (base >= 0) {
                        logs.put(base, p);
                    }
                }
            }
            List<LogSegment> segments = new ArrayList<>();
            List<Long> bases = new ArrayList<>(logs.keySet());
            long expectedNext = -1;
            for (int i = 0; i < bases.size(); i++) {
                long base = bases.get(i);
                long nextBase = i + 1 < bases.size() ? bases.get(i + 1) : Long.MAX_VALUE;
                LogSegment seg = LogSegment.open(dir, base, indexIntervalBytes);
                boolean mustScan = !cleanShutdown && nextBase > recoveryPoint;
                boolean intact = mustScan ? recover(seg, Math.max(expectedNext, base)) : load(seg, Math.max(expectedNext, base));
                segments.add(seg);
                expectedNext = seg.nextOffset();
                if (!intact) {
                    for (int j = i + 1; j < bases.size(); j++) {
                        deleteSegmentFiles(bases.get(j));
                        repair("deleted segment " + SegmentFiles.baseName(bases.get(j))
                                + " because it follows damaged data in segment " + SegmentFiles.baseName(base));
                    }
                    break;
                }
            }
            return new Result(segments, List.copyOf(repairs));
        } catch (IOException e) {
            throw new StorageException("cannot recover " + tp + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens and fully rescans a single segment (after a compaction swap). */
    public Result loadOne(long baseOffset) {
        try {
            LogSegment seg = LogSegment.open(dir, baseOffset, indexIntervalBytes);
            recover(seg, baseOffset);
            return new Result(List.of(seg), List.copyOf(repairs));
        } catch (IOException e) {
            throw new StorageException("cannot load segment " + baseOffset + " of " + tp + ": " + e.getMessage(), e);
        }
    }

    /** Clean load: indexes from disk if sane, then a validating rescan of the tail. */
    private boolean load(LogSegment seg, long expectedBase) throws IOException {
        boolean offsetsOk = seg.offsetIndex().load(seg.size(), true);
        boolean timesOk = offsetsOk && seg.timeIndex().load(Long.MAX_VALUE, true)
                && seg.timeIndex().entries() == seg.offsetIndex().entries();
        if (!offsetsOk || !timesOk) {
            repair("rebuilt the indexes of segment " + SegmentFiles.baseName(seg.baseOffset())
                    + " (missing or inconsistent index file)");
            return recover(seg, expectedBase);
        }
        int from = seg.offsetIndex().lastPosition();
        FileBatchReader reader = new FileBatchReader(seg.channel(), seg.size(), maxBatchSize);
        RecordBatch first = reader.header(0);
        seg.resetTailFromLastIndexEntry();
        if (first != null) {
            seg.setFirstAppendTime(first.appendTime());
        }
        return scan(seg, from, expectedBase);
    }

    /** Full validating rescan, rebuilding the indexes. */
    private boolean recover(LogSegment seg, long expectedBase) throws IOException {
        seg.resetForRescan();
        return scan(seg, 0, expectedBase);
    }

    /** Scans and validates batches from {@code from}; truncates at the first bad one. True if nothing was cut. */
    private boolean scan(LogSegment seg, int from, long expectedBase) throws IOException {
        FileBatchReader reader = new FileBatchReader(seg.channel(), seg.size(), maxBatchSize);
        long pos = from;
        long next = from == 0 ? expectedBase : Long.MIN_VALUE;
        String problem = null;
        while (pos < seg.size()) {
            RecordBatch batch = reader.batch(pos);
            if (batch == null) {
                problem = "an incomplete or impossibly sized batch";
                break;
            }
            if (!batch.isValid()) {
                problem = "a batch that fails its CRC check";
                break;
            }
            if (batch.baseOffset() < next || batch.lastOffset() < batch.baseOffset()) {
                problem = "a batch out of offset order (base offset " + batch.baseOffset() + ", expected >= " + next + ")";
                break;
            }
            seg.track(batch, (int) pos);
            next = batch.nextOffset();
            pos += batch.sizeInBytes();
        }
        if (problem == null) {
            return true;
        }
        int cut = seg.size() - (int) pos;
        seg.truncateTo((int) pos);
        repair("truncated segment " + SegmentFiles.baseName(seg.baseOffset()) + " at byte " + pos + " (offset "
                + next + "): found " + problem + "; dropped " + cut + " bytes after the last intact batch");
        return false;
    }

    private void finishInterruptedCleaning() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.endsWith(SegmentFiles.CLEANED)) {
                    Files.delete(p);
                    repair("deleted unfinished compaction output " + name);
                } else if (name.endsWith(SegmentFiles.LOG + SegmentFiles.SWAP)) {
                    long base = SegmentFiles.baseOffsetOf(p);
                    if (!Files.exists(SegmentFiles.log(dir, base))) {
                        // a swap only ever replaces an existing segment: this one was deleted (by
                        // retention) while it was being compacted, and must not come back
                        Files.delete(p);
                        repair("deleted compaction output " + name + " of a segment that no longer exists");
                        continue;
                    }
                    LogSegment.atomicMove(p, SegmentFiles.log(dir, base));
                    Files.deleteIfExists(SegmentFiles.index(dir, base));
                    Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
                    repair("completed interrupted compaction swap of segment " + SegmentFiles.baseName(base));
                }
            }
        }
        // index files whose log is gone
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*index")) {
            for (Path p : ds) {
                long base = SegmentFiles.baseOffsetOf(p);
                if (base >= 0 && !Files.exists(SegmentFiles.log(dir, base))) {
                    Files.delete(p);
                }
            }
        }
    }

    private void deleteSegmentFiles(long base) throws IOException {
        Files.deleteIfExists(SegmentFiles.log(dir, base));
        Files.deleteIfExists(SegmentFiles.index(dir, base));
        Files.deleteIfExists(SegmentFiles.timeIndex(dir, base));
    }

    private void repair(String what) {
        String line = tp + ": " + what;
        repairs.add(line);
        LOG.log(System.Logger.Level.WARNING, "log recovery: " + line);
    }
}
