package dev.runnel.exec.source;

import dev.runnel.exec.format.BadValueException;
import dev.runnel.exec.format.ColumnarFormat;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.format.KeyDecoder;
import dev.runnel.exec.format.RecordFormat;
import dev.runnel.exec.format.RowFormat;
import dev.runnel.exec.format.VectorRowWriter;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads every partition of a relation's topic from its log start offset and emits Arrow batches
 * of the scan's columns (payload columns decoded, metadata columns filled from the log).
 * Partitions are read in turn, one fetch each, so event time advances evenly across them.
 * <ul>
 *   <li>Bounded: stops at the end offsets captured by {@link #open}, then calls
 *       {@link Output#finish()}. For a TABLE stored as records, emits only each key's newest row
 *       (a tombstone deletes it), found by a keys-only pass per partition.</li>
 *   <li>Unbounded: keeps tailing (waiting in {@link LogStore#awaitData}, no busy polling) until
 *       {@link #cancel}; returns without finishing.</li>
 *   <li>Changes of a TABLE (either mode): every record, as the changes it makes
 *       ({@link RecordFormat#decodeChanges}; a tombstone is a deletion whose key columns come from
 *       its key), each row followed by its change kind in a {@code $op} column: what
 *       {@code ChangelogNormalizeOperator} and the temporal join read.</li>
 * </ul>
 * Each fetch is read into one buffer of scan memory, reused fetch after fetch (see
 * {@link LogStore#read(TopicPartition, long, ByteBuffer)}). Columnar blocks load only the projected
 * columns, as vectors over slices of that buffer (no copy); a block larger than the batch size is
 * sliced. Records (json, csv) are decoded row by row. A record or
 * block that cannot be decoded is skipped, counted in {@link #stats()} and handed to the
 * dead-letter listener (the scan itself never writes a dead-letter topic: entries get there once,
 * when first ingested). Output batches belong to this source and are closed after each emit.
 *
 * <p>Event time ({@link PartitionWatermarks}): when the relation has a {@code WATERMARK} and the
 * scan outputs its event-time column or {@code _watermark}, each row's {@code _watermark} is its
 * partition's watermark formed by the records before it, and after each emitted batch (after all
 * slices of a block) the scan emits {@link Output#watermark} when the minimum over its non-idle
 * partitions advanced. Idleness ({@code idle_timeout} in the relation's options, default never) is
 * measured with the context's clock; an unbounded scan re-checks it whenever it wakes from waiting,
 * so an idle partition stops holding windows back without new data. A bounded scan emits
 * {@code Long.MAX_VALUE} before it finishes, whatever the relation, so every window closes.
 *
 * <p>Where reading starts: a bounded scan always reads from the log start offset (pull queries see
 * the retained history); an unbounded one asks its {@link StartPositions} (from {@code scan.start},
 * or a job's committed offsets) and reports each processed fetch to its {@link ProgressListener}.
 *
 * <p>Checkpoints ({@link #snapshot}, between emitted batches): per partition the offset after the
 * last row emitted, which may lie inside a fetch or a columnar block (the rest of which a restored
 * scan reads again, and only that), plus the event-time state ({@link PartitionWatermarks}), so
 * rows, their {@code _watermark} and the scan's watermarks continue exactly as without the stop.
 * A restored scan also finishes the fetch it was in (up to the same offset), starts with the same
 * partition and emits a watermark first if one was due, so even batches and watermark positions
 * match. The size the fetch buffer had grown to is part of the state too: it decides how many
 * batches a fetch returns, so a restored scan that started again from the configured fetch size
 * would split the following fetches (and so batches, watermarks and the order of partitions'
 * rows) differently. Layout: a version (byte), the topic (UTF), the partition count (int), per
 * partition the next offset, the end offset (bounded scans) and the end of the fetch in progress
 * or -1 (longs), the partition whose fetch was in progress or -1 (int), the fetch buffer size the
 * next fetch uses, 0 for the configured one or -1 if it may not grow (int, since version 2),
 * whether a watermark was due and whether the final watermark went out (booleans), whether event
 * time is tracked (boolean) and then its state. Version 1 (without the fetch buffer size) is still
 * read; such a scan continues with the configured fetch size.
 *
 * <p>Call order as {@link BatchSource}; {@link #cancel} and {@link #stats} from any thread.
 */
public final class LogScanSource implements BatchSource {
    private final LogStore store;
    private final ScanNode scan;
    private final boolean bounded;
    private final int batchRows;
    private final int fetchBytes;
    private final Consumer<DeadLetter> deadLetters;
    private final StartPositions starts;
    private final ProgressListener progress;
    private final ScanProjection projection;
    private final RowFormat format;
    private final MetadataFiller metadata;
    private final boolean upsert;
    private final boolean changes;
    private final KeyDecoder keys;
    private final int[] kinds = new int[2];
    private volatile boolean cancelled;
    private volatile long rowsEmitted;
    private volatile long badRecords;
    private volatile long superseded;

    private BufferAllocator allocator;
    private Clock clock;
    private PartitionWatermarks watermarks;
    private PartitionState[] partitions;
    private byte[] scratch = new byte[4096];
    private final FetchBuffer fetchBuffer;
    /** The most a fetch buffer grows to (see {@link FetchBuffer}). */
    static final int MAX_FETCH_BYTES = FetchBuffer.MAX_BYTES;
    /** The layout version {@link #snapshot} writes (see the class comment). */
    private static final int STATE_VERSION = 2;
    /** The batch columnar blocks are loaded into, reused block after block (emptied after each). */
    private VectorSchemaRoot block;
    /** The partition (index) whose fetch is being emitted, or -1 between fetches. */
    private int reading = -1;
    /** The next offset after the fetch being emitted (what a restore must finish it at). */
    private long fetchEnd;
    /** Whether the next step is a check for an advanced watermark (right after rows were emitted). */
    private boolean watermarkDue;
    /** Whether a bounded scan emitted its final watermark. */
    private boolean endSent;
    /** After a restore: the partition to continue the interrupted round with, or -1. */
    private int resumeAt = -1;

    /** One partition's read position and bounds. */
    private static final class PartitionState {
        final TopicPartition tp;
        long position;
        long end;
        /** The offset after the last row emitted (or skipped): where a restored scan reads on from. */
        long emitted;
        /** After a restore, the end of the fetch that was interrupted; -1 otherwise. */
        long resumeLimit = -1;
        /** The position last told to the progress listener, -1 before the first. */
        long reported = -1;
        LatestPerKey latest;

        PartitionState(TopicPartition tp, long position, long end) {
            this.tp = tp;
            this.position = position;
            this.emitted = position;
            this.end = end;
        }

        boolean done() {
            return position >= end;
        }
    }

    /** Where an unbounded scan starts reading each partition. */
    @FunctionalInterface
    public interface StartPositions {
        /** An offset in {@code [logStart, logEnd]} (values outside are clamped). */
        long start(TopicPartition tp, long logStart, long logEnd);

        /**
         * Where {@code scan} starts reading {@code tp}: by default as for any scan; a start hint on
         * the scan ({@code OPTIONS(start = ...)}) wins over a session setting.
         */
        default long start(ScanNode scan, TopicPartition tp, long logStart, long logEnd) {
            return start(tp, logStart, logEnd);
        }

        /** Positions from a {@code scan.start} setting; a scan's own start hint takes precedence. */
        static StartPositions of(LogStore store, ScanStart start) {
            return new StartPositions() {
                @Override
                public long start(TopicPartition tp, long logStart, long logEnd) {
                    return at(store, start, tp, logStart, logEnd);
                }

                @Override
                public long start(ScanNode scan, TopicPartition tp, long logStart, long logEnd) {
                    return at(store, scan.start().orElse(start), tp, logStart, logEnd);
                }
            };
        }

        /** Where {@code start} says to begin in {@code tp}. */
        static long at(LogStore store, ScanStart start, TopicPartition tp, long logStart, long logEnd) {
            return switch (start.kind()) {
                case EARLIEST -> logStart;
                case LATEST -> logEnd;
                case TIMESTAMP -> store.offsetForTimestamp(tp, start.timestamp()).orElse(logEnd);
                case OFFSETS -> start.offsets().getOrDefault(tp.partition(), logStart);
            };
        }
    }

    /**
     * Hears, on the scan's thread, that every row of a partition below {@code nextOffset} has been
     * emitted and its {@link Output#emit} has returned (so a synchronous sink downstream has written
     * what those rows produced): where a job commits its consumer group's offsets.
     */
    @FunctionalInterface
    public interface ProgressListener {
        void processed(TopicPartition tp, long nextOffset);
    }

    LogScanSource(LogStore store, ScanNode scan, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters) {
        this(store, scan, bounded, batchRows, fetchBytes, deadLetters, null, null);
    }

    LogScanSource(LogStore store, ScanNode scan, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters, StartPositions starts, ProgressListener progress) {
        this(store, scan, bounded, batchRows, fetchBytes, deadLetters, starts, progress, false);
    }

    /**
     * @param changes read a TABLE's changes, every record (bounded too: a temporal join's versions):
     *                batches end in a {@code $op} column,
     *                +I for each record that upserts a row, -D for each that deletes its key
     *                (a tombstone, or a delete event), whose other columns are NULL but the key's
     */
    LogScanSource(LogStore store, ScanNode scan, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters, StartPositions starts, ProgressListener progress, boolean changes) {
        this.changes = changes;
        this.starts = starts;
        this.progress = progress;
        this.store = store;
        this.scan = scan;
        this.bounded = bounded;
        this.batchRows = batchRows;
        this.fetchBytes = fetchBytes;
        this.fetchBuffer = new FetchBuffer(fetchBytes);
        this.deadLetters = deadLetters;
        this.projection = new ScanProjection(scan, changes);
        this.format = RowFormat.of(scan.relation());
        this.metadata = new MetadataFiller(projection);
        this.upsert = bounded && !changes && scan.relation().kind() != RelationKind.STREAM
                && format instanceof RecordFormat;
        if (changes && (!(format instanceof RecordFormat) || scan.relation().kind() != RelationKind.TABLE)) {
            throw new IllegalArgumentException("only a scan of a TABLE reads changes");
        }
        this.keys = changes ? new KeyDecoder(scan.relation().storage().keyColumns()) : null;
    }

    @Override
    public void open(OperatorContext context) {
        this.allocator = context.allocator();
        fetchBuffer.open(allocator);
        this.clock = context.clock();
        String topic = scan.relation().storage().topic();
        if (!store.topicExists(topic)) {
            throw new RunnelSqlException("58000", "the topic '" + topic + "' of '" + scan.relation().name()
                    + "' does not exist", null);
        }
        int n = store.describeTopic(topic).partitions().size();
        partitions = new PartitionState[n];
        for (int p = 0; p < n; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            long start = store.logStartOffset(tp);
            if (!bounded && starts != null) {
                long logEnd = store.logEndOffset(tp);
                start = Math.max(start, Math.min(logEnd, starts.start(scan, tp, start, logEnd)));
            }
            long end = bounded ? store.logEndOffset(tp) : Long.MAX_VALUE;
            partitions[p] = new PartitionState(tp, start, end);
        }
        if (projection.tracksTime()) {
            long delay = scan.relation().watermark().orElseThrow().delayMillis();
            watermarks = new PartitionWatermarks(n, delay, idleTimeout(scan.relation()), clock.millis());
        }
    }

    /** The relation's {@code idle_timeout} option in millis, -1 when absent (never idle). */
    static long idleTimeout(RelationDef relation) {
        for (Map.Entry<String, String> e : relation.options().entrySet()) {
            if (e.getKey().equalsIgnoreCase("idle_timeout")) {
                return Durations.parseMillis(e.getValue()).orElseThrow(() -> new RunnelSqlException("42000",
                        "idle_timeout '" + e.getValue() + "' of '" + relation.name() + "' is not a duration",
                        SourcePos.UNKNOWN));
            }
        }
        return -1;
    }

    @Override
    public void run(Output output) {
        if (watermarkDue) { // restored right after rows whose watermark was not yet checked
            emitWatermark(output);
        }
        if (endSent) { // restored after the final watermark
            output.finish();
            return;
        }
        int first = Math.max(resumeAt, 0);
        boolean resumed = resumeAt >= 0; // the round was interrupted in a partition's fetch, which had data
        resumeAt = -1;
        while (!cancelled) {
            boolean anyData = resumed;
            boolean allDone = !resumed;
            for (int p = first; p < partitions.length; p++) {
                PartitionState ps = partitions[p];
                if (cancelled) {
                    return;
                }
                if (ps.done()) {
                    continue;
                }
                allDone = false;
                reading = p;
                try {
                    anyData |= readOnce(ps, output);
                } finally {
                    reading = -1;
                }
            }
            first = 0;
            resumed = false;
            if (bounded && allDone) {
                endSent = true;
                output.watermark(Long.MAX_VALUE);
                output.finish();
                return;
            }
            if (!anyData && !bounded) {
                awaitData();
                emitWatermark(output); // partitions may have gone idle meanwhile
                output.idle();
            }
        }
    }

    private void awaitData() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (PartitionState ps : partitions) {
            positions.put(ps.tp, ps.position);
        }
        try {
            store.awaitData(positions, 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        }
    }

    /** One fetch from a partition, decoded and emitted; false if there was nothing to read. */
    private boolean readOnce(PartitionState ps, Output output) {
        long limit = ps.resumeLimit;
        ps.resumeLimit = -1;
        if (limit >= 0 && ps.position >= limit) { // restored after the last row of its fetch
            ps.position = Math.min(limit, ps.end);
            ps.emitted = ps.position;
            return true;
        }
        if (upsert && ps.latest == null) {
            ps.latest = LatestPerKey.build(store, ps.tp, ps.position, ps.end, fetchBytes);
        }
        FetchResult fetch;
        try {
            fetch = store.read(ps.tp, ps.position, fetchBuffer.next());
        } catch (OffsetOutOfRangeException e) {
            long start = store.logStartOffset(ps.tp);
            if (start > ps.position) {
                ps.position = start; // retention removed what we had not read yet
                ps.emitted = start;
                return true;
            }
            throw e;
        }
        if (fetch.isEmpty()) {
            if (bounded) {
                ps.position = ps.end; // nothing more below the captured end (e.g. truncated)
                ps.emitted = ps.end;
            }
            if (progress != null && !cancelled && ps.reported != ps.position) {
                // caught up at a position not reported yet (a start or restore past every record)
                ps.reported = ps.position;
                progress.processed(ps.tp, ps.position);
            }
            return false;
        }
        if (watermarks != null) {
            watermarks.touch(ps.tp.partition(), clock.millis());
        }
        // a restored scan ends the interrupted fetch where it ended, so batches come out as before
        fetchEnd = limit >= 0 ? Math.min(limit, fetch.nextOffset()) : fetch.nextOffset();
        RecordRows rows = null;
        for (RecordBatch batch : fetch) {
            fetchBuffer.saw(batch.sizeInBytes());
            if (batch.nextOffset() <= ps.position) {
                continue;
            }
            if (batch.baseOffset() >= ps.end || batch.baseOffset() >= fetchEnd) {
                break;
            }
            if (batch.isPayload()) {
                if (rows != null) {
                    rows.emit(output);
                    rows = null;
                }
                readBlock(ps, batch, output);
            } else {
                if (rows == null) {
                    rows = new RecordRows();
                }
                rows.read(ps, batch, output);
            }
            ps.position = Math.min(batch.nextOffset(), ps.end);
        }
        if (rows != null) {
            rows.emit(output);
        }
        ps.position = Math.min(Math.max(ps.position, fetchEnd), ps.end);
        ps.emitted = ps.position;
        if (progress != null && !cancelled) {
            ps.reported = ps.position;
            progress.processed(ps.tp, ps.position);
        }
        return true;
    }

    // ---- columnar blocks ----

    private void readBlock(PartitionState ps, RecordBatch batch, Output output) {
        if (!(format instanceof ColumnarFormat columnar)) {
            bad(ps, batch.baseOffset(), "a columnar block in a topic of format "
                    + scan.relation().storage().format().sqlName(), batch.payload(), batch.recordCount());
            return;
        }
        ByteBuffer payload = batch.payload();
        if (block == null) {
            block = VectorSchemaRoot.create(projection.decodeSchema(), allocator);
            metadata.bind(block);
        }
        try {
            int rows;
            try {
                rows = columnar.decode(payload, projection.payloadColumns(), projection.payloadTargets(block), allocator,
                        fetchBuffer.memory());
            } catch (BadValueException e) {
                bad(ps, batch.baseOffset(), e.reason(), payload, batch.recordCount());
                return;
            }
            if (rows != batch.recordCount()) {
                bad(ps, batch.baseOffset(), "columnar block of " + rows + " rows in a batch of "
                        + batch.recordCount() + " offsets", payload, batch.recordCount());
                return;
            }
            metadata.fillBlock(rows, ps.tp.partition(), batch.baseOffset(), batch.producerTimestamp(),
                    batch.appendTime());
            block.setRowCount(rows);
            int from = (int) Math.max(0, ps.position - batch.baseOffset());
            int to = (int) Math.min(rows, ps.end - batch.baseOffset());
            if (from == 0 && to == rows && rows <= batchRows) {
                fillWatermarks(ps, from, to);
                emitted(ps, batch.baseOffset() + to, true);
                emit(projection.view(block), output);
            } else {
                for (int at = from; at < to; at += batchRows) {
                    int n = Math.min(batchRows, to - at);
                    // slice by slice, so event time between slices (a checkpoint) covers only rows emitted
                    fillWatermarks(ps, at, at + n);
                    try (VectorSchemaRoot slice = block.slice(at, n)) {
                        emitted(ps, batch.baseOffset() + at + n, at + n >= to);
                        emit(projection.view(slice), output);
                    }
                }
            }
            emitWatermark(output); // after every slice: the rows of later slices formed it too
        } finally {
            block.clear(); // releases the block's hold on the fetch buffer
        }
    }

    /** Sets {@code _watermark} of block rows {@code [from, to)} and advances the partition's event time by them. */
    private void fillWatermarks(PartitionState ps, int from, int to) {
        if (watermarks != null) {
            watermarks.fillBlock(ps.tp.partition(), projection.eventTime(block), from, to, metadata.watermarkVector());
        }
    }

    /**
     * Notes, before rows go out, that partition {@code ps} will have emitted everything below
     * {@code next}, and whether a watermark check comes right after them (checkpoints are taken
     * while the rows are being emitted).
     */
    private void emitted(PartitionState ps, long next, boolean thenWatermark) {
        ps.emitted = next;
        watermarkDue = thenWatermark;
    }

    // ---- records (json, csv) ----

    /** Rows decoded from consecutive record batches of one fetch, emitted every {@code batchRows}. */
    private final class RecordRows {
        private final RecordFormat records = (RecordFormat) format;
        private VectorSchemaRoot out;
        private VectorRowWriter writer;
        private PartitionState partition;
        private long lastOffset;

        void read(PartitionState ps, RecordBatch batch, Output output) {
            partition = ps;
            RecordCursor c = batch.records();
            while (c.next()) {
                long offset = c.offset();
                boolean tombstone = c.isTombstone();
                if (offset < ps.position || offset >= ps.end || (tombstone && (!changes || c.keyLength() < 0))) {
                    continue;
                }
                if (ps.latest != null && !ps.latest.isLatest(c.buffer(), c.keyPosition(), c.keyLength(), offset)) {
                    superseded++;
                    continue;
                }
                if (out == null) {
                    start();
                }
                int first = writer.rowCount();
                int rows;
                byte[] value = tombstone ? keyBytes(c) : valueBytes(c);
                int len = tombstone ? c.keyLength() : c.valueLength();
                try {
                    if (tombstone) { // a deleted key: the row holds the key's columns
                        keys.decode(value, 0, len, writer);
                        writer.endRow();
                        kinds[0] = RecordFormat.DELETE;
                        rows = 1;
                    } else {
                        rows = records.decodeChanges(value, 0, len, writer, changes, kinds);
                    }
                } catch (BadValueException e) {
                    writer.discardRow();
                    bad(ps, offset, (tombstone ? "the key of a tombstone: " : "") + e.reason(),
                            ByteBuffer.wrap(value, 0, len), 1);
                    continue;
                }
                if (rows == 0) {
                    continue;
                }
                lastOffset = offset;
                TimeStampMilliVector time = watermarks != null ? projection.eventTime(out) : null;
                IntVector ops = projection.op(out);
                for (int row = first; row < first + rows; row++) {
                    metadata.setRow(row, ps.tp.partition(), offset, batch.producerTimestamp(), batch.appendTime());
                    if (time != null) {
                        boolean hasTime = !time.isNull(row);
                        metadata.setWatermark(row, watermarks.row(ps.tp.partition(), hasTime, hasTime ? time.get(row) : 0));
                    } else {
                        metadata.setWatermark(row, PartitionWatermarks.NONE);
                    }
                    if (ops != null) {
                        ops.setSafe(row, kinds[row - first]);
                    }
                }
                if (writer.rowCount() >= batchRows) {
                    emit(output);
                }
            }
        }

        private void start() {
            out = VectorSchemaRoot.create(projection.decodeSchema(), allocator);
            out.allocateNew();
            writer = new VectorRowWriter(scan.relation().columns(), projection.vectorsByPayloadColumn(out));
            metadata.bind(out);
        }

        void emit(Output output) {
            if (out == null) {
                return;
            }
            try {
                int n = writer.rowCount();
                if (n > 0) {
                    writer.finish();
                    metadata.finish(n);
                    if (projection.op(out) != null) {
                        projection.op(out).setValueCount(n);
                    }
                    out.setRowCount(n);
                    // records skipped after the last row, up to the batch end reached, are done too
                    emitted(partition, Math.max(lastOffset + 1, partition.position), true);
                    LogScanSource.this.emit(projection.view(out), output);
                    emitWatermark(output);
                }
            } finally {
                out.close();
                out = null;
                writer = null;
            }
        }
    }

    private byte[] keyBytes(RecordCursor c) {
        int len = c.keyLength();
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        c.buffer().get(c.keyPosition(), scratch, 0, len);
        return scratch;
    }

    private byte[] valueBytes(RecordCursor c) {
        int len = c.valueLength();
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        c.buffer().get(c.valuePosition(), scratch, 0, len);
        return scratch;
    }

    // ---- bookkeeping ----

    private void emit(VectorSchemaRoot batch, Output output) {
        rowsEmitted += batch.getRowCount();
        output.emit(batch);
    }

    /** Emits the scan's watermark if it advanced (event time tracked only). */
    private void emitWatermark(Output output) {
        watermarkDue = false;
        if (watermarks != null) {
            long w = watermarks.advance(clock.millis());
            if (w != PartitionWatermarks.NONE) {
                output.watermark(w);
            }
        }
    }

    private void bad(PartitionState ps, long offset, String reason, ByteBuffer raw, int records) {
        badRecords += records;
        if (deadLetters != null) {
            byte[] bytes = new byte[raw.remaining()];
            raw.duplicate().get(bytes);
            deadLetters.accept(new DeadLetter(reason, ps.tp + "@" + offset, bytes));
        }
    }

    @Override
    public void snapshot(DataOutputStream out) throws IOException {
        StateIO.writeVersion(out, STATE_VERSION);
        out.writeUTF(scan.relation().storage().topic());
        out.writeInt(partitions.length);
        for (int p = 0; p < partitions.length; p++) {
            PartitionState ps = partitions[p];
            out.writeLong(ps.emitted);
            out.writeLong(ps.end);
            out.writeLong(p == reading ? fetchEnd : -1);
        }
        out.writeInt(reading);
        out.writeInt(fetchBuffer.needed());
        out.writeBoolean(watermarkDue);
        out.writeBoolean(endSent);
        out.writeBoolean(watermarks != null);
        if (watermarks != null) {
            watermarks.snapshot(out, clock.millis());
        }
    }

    /**
     * Continues where {@link #snapshot} was taken instead of at the configured start: each partition
     * from the offset after its last emitted row (partitions added since start as configured).
     */
    @Override
    public void restore(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != 1 && version != STATE_VERSION) {
            throw new IOException("the state of a log scan has layout version " + version + "; this release reads 1 and "
                    + STATE_VERSION);
        }
        String topic = in.readUTF();
        if (!topic.equals(scan.relation().storage().topic())) {
            throw new IOException("the checkpoint is of a scan of topic '" + topic + "', this scan reads '"
                    + scan.relation().storage().topic() + "'");
        }
        int n = StateIO.readCount(in, "partitions");
        if (n > partitions.length) {
            throw new IOException("the checkpoint has positions in " + n + " partitions of '" + topic
                    + "', which now has " + partitions.length);
        }
        for (int p = 0; p < n; p++) {
            PartitionState ps = partitions[p];
            ps.position = in.readLong();
            ps.emitted = ps.position;
            long end = in.readLong();
            if (bounded) {
                ps.end = end; // the same rows as the interrupted run, not what arrived since
            }
            ps.resumeLimit = in.readLong();
        }
        resumeAt = in.readInt();
        if (resumeAt >= n) {
            throw new IOException("damaged scan state: resumes in partition " + resumeAt + " of " + n);
        }
        if (version >= 2) {
            int needed = in.readInt();
            if (needed < -1 || needed > MAX_FETCH_BYTES) {
                throw new IOException("damaged scan state: a fetch buffer of " + needed + " bytes");
            }
            fetchBuffer.needed(needed); // fetches end where the interrupted scan's did
        }
        watermarkDue = in.readBoolean();
        endSent = in.readBoolean();
        boolean tracked = in.readBoolean();
        if (tracked != (watermarks != null)) {
            throw new IOException("the checkpoint's scan " + (tracked ? "tracks" : "does not track")
                    + " event time, this one " + (tracked ? "does not" : "does") + ": it is of another plan");
        }
        if (watermarks != null) {
            watermarks.restore(in, clock.millis());
        }
    }

    /** Counts so far; callable from any thread. */
    public ScanStats stats() {
        return new ScanStats(rowsEmitted, badRecords, superseded);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void close() {
        partitions = null;
        if (block != null) {
            block.close();
            block = null;
        }
        fetchBuffer.close();
    }
}
