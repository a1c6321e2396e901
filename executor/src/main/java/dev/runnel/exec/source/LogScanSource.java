package dev.runnel.exec.source;

import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.format.KeyDecoder;
import dev.runnel.exec.format.RecordFormat;
import dev.runnel.exec.format.RowFormat;
import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.exec.operator.Output;
import dev.runnel.exec.state.StateIO;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnavailableException;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.physical.ScanNode;
import dev.runnel.sql.RunnelSqlException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
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
 * sliced ({@link BlockRows}). Records (json, csv) are decoded row by row ({@link RecordRows}). A record or
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
 * or a job's committed offsets) and reports each processed fetch to its {@link ScanProgressListener}.
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
    private final ScanProgressListener progress;
    private final ScanProjection projection;
    private final RowFormat format;
    private final MetadataFiller metadata;
    private final boolean upsert;
    private final boolean changes;
    private final RecordRows recordRows;
    private volatile boolean cancelled;
    private volatile long rowsEmitted;
    private volatile long badRecords;

    private BufferAllocator allocator;
    private Clock clock;
    private PartitionWatermarks watermarks;
    private ScanPartition[] partitions;
    /** Which partitions to read (null: all of the topic's). */
    private java.util.function.BiPredicate<String, Integer> only;
    private final FetchBuffer fetchBuffer;
    /** The most a fetch buffer grows to (see {@link FetchBuffer}). */
    static final int MAX_FETCH_BYTES = FetchBuffer.MAX_BYTES;
    /** The layout version {@link #snapshot} writes (see the class comment). */
    private static final int STATE_VERSION = 2;
    /** How long an unbounded scan waits before reading again when its store is unreachable. */
    private static final long UNAVAILABLE_WAIT_MILLIS = 200;
    private OutageWait outage;
    private final BlockRows blockRows;
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
    /** Whether the first poll happened (it continues a restored scan's pending watermark or end). */
    private boolean started;
    /** Whether the last poll found nothing (the next one re-checks idle partitions first). */
    private boolean wokeIdle;

    LogScanSource(LogStore store, ScanNode scan, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters) {
        this(store, scan, bounded, batchRows, fetchBytes, deadLetters, null, null);
    }

    LogScanSource(LogStore store, ScanNode scan, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters, StartPositions starts, ScanProgressListener progress) {
        this(store, scan, bounded, batchRows, fetchBytes, deadLetters, starts, progress, false);
    }

    /**
     * @param changes read a TABLE's changes, every record (bounded too: a temporal join's versions):
     *                batches end in a {@code $op} column,
     *                +I for each record that upserts a row, -D for each that deletes its key
     *                (a tombstone, or a delete event), whose other columns are NULL but the key's
     */
    LogScanSource(LogStore store, ScanNode scan, boolean bounded, int batchRows, int fetchBytes,
            Consumer<DeadLetter> deadLetters, StartPositions starts, ScanProgressListener progress, boolean changes) {
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
        this.blockRows = new BlockRows(this, format, projection, metadata, batchRows, fetchBuffer);
        this.recordRows = format instanceof RecordFormat records ? new RecordRows(this, records,
                scan.relation().columns(), projection, metadata, changes,
                changes ? new KeyDecoder(scan.relation().storage().keyColumns(),
                        dev.runnel.exec.format.KeyEncoder.arrayKeys(scan.relation().options())) : null, batchRows) : null;
    }

    /** Reads only the partitions {@code include} accepts (null: all); before {@link #open}. */
    LogScanSource only(java.util.function.BiPredicate<String, Integer> include) {
        this.only = include;
        return this;
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
        int all = store.describeTopic(topic).partitions().size();
        List<Integer> read = new ArrayList<>(all);
        for (int p = 0; p < all; p++) {
            if (only == null || only.test(topic, p)) {
                read.add(p);
            }
        }
        int n = read.size();
        partitions = new ScanPartition[n];
        for (int slot = 0; slot < n; slot++) {
            int p = slot;
            TopicPartition tp = new TopicPartition(topic, read.get(slot));
            long start = store.logStartOffset(tp);
            if (!bounded && starts != null) {
                long logEnd = store.logEndOffset(tp);
                start = Math.max(start, Math.min(logEnd, starts.start(scan, tp, start, logEnd)));
            }
            long end = bounded ? store.logEndOffset(tp) : Long.MAX_VALUE;
            partitions[p] = new ScanPartition(tp, slot, start, end);
            if (progress != null) { // nothing below its start is left to read
                partitions[p].reported = start;
                progress.processed(tp, start);
            }
        }
        if (projection.tracksTime()) {
            watermarks = PartitionWatermarks.forScan(scan.relation(), n, clock.millis());
            if (recordRows != null && scan.relation().options().containsKey(WatermarkRecords.OPTION)) {
                recordRows.readWatermarkRecords();
            }
        }
        blockRows.open(allocator, watermarks);
        if (recordRows != null) {
            recordRows.open(allocator, watermarks);
        }
    }

    @Override
    public void run(Output output) {
        if (begin(output)) {
            return;
        }
        while (!cancelled) {
            Poll p = poll(output);
            if (p == Poll.DONE) {
                return;
            }
            if (p == Poll.IDLE) {
                awaitData();
            }
        }
    }

    /**
     * One round over the partitions, one fetch each (the first round after a restore starts in the
     * partition it was interrupted in). An unbounded scan that found nothing says {@link Poll#IDLE};
     * the next poll first checks whether partitions went idle meanwhile (its watermark may advance).
     */
    @Override
    public Poll poll(Output output) {
        if (begin(output)) {
            return Poll.DONE;
        }
        if (wokeIdle) {
            wokeIdle = false;
            emitWatermark(output); // partitions may have gone idle meanwhile
            output.idle(); // a quiet moment while waiting: where a checkpoint can be taken too
        }
        int first = Math.max(resumeAt, 0);
        boolean resumed = resumeAt >= 0; // the round was interrupted in a partition's fetch, which had data
        resumeAt = -1;
        boolean anyData = resumed;
        boolean allDone = !resumed;
        for (int p = first; p < partitions.length; p++) {
            ScanPartition ps = partitions[p];
            if (cancelled) {
                return Poll.MORE;
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
        if (bounded && allDone) {
            endSent = true;
            output.watermark(Long.MAX_VALUE);
            output.finish();
            return Poll.DONE;
        }
        if (!anyData && !bounded) {
            wokeIdle = true;
            return Poll.IDLE;
        }
        return Poll.MORE;
    }

    /**
     * Once, before the first round, even when cancelled already: a restored scan first emits the
     * watermark check that was due, and finishes if it had sent its final watermark. True if finished.
     */
    private boolean begin(Output output) {
        if (started) {
            return endSent;
        }
        started = true;
        if (watermarkDue) { // restored right after rows whose watermark was not yet checked
            emitWatermark(output);
        }
        if (endSent) { // restored after the final watermark
            output.finish();
            return true;
        }
        return false;
    }

    @Override
    public boolean unbounded() {
        return !bounded;
    }

    @Override
    public Optional<DataWait> dataWait() {
        return Optional.of(new DataWait(store, positions()));
    }

    @Override
    public void await(long millis) {
        try {
            store.awaitData(positions(), millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        } catch (UnavailableException e) {
            unavailable(e, millis);
        }
    }

    /**
     * The store could not be reached (a Kafka broker restarting): a bounded scan fails with it; an
     * unbounded one (a job's, a view's, a push query's) waits {@code millis} and reads on from where
     * it was, so it outlives the outage ({@link OutageWait}).
     */
    private void unavailable(UnavailableException e, long millis) {
        if (bounded) {
            throw e;
        }
        if (outage == null) {
            outage = new OutageWait(scan.relation().name());
        }
        if (!outage.pause(e, millis)) {
            cancelled = true;
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (ScanPartition ps : partitions) {
            positions.put(ps.tp, ps.position);
        }
        return positions;
    }

    private void awaitData() {
        await(100);
    }

    /** One fetch from a partition, decoded and emitted; false if there was nothing to read. */
    private boolean readOnce(ScanPartition ps, Output output) {
        long limit = ps.resumeLimit;
        ps.resumeLimit = -1;
        if (limit >= 0 && ps.position >= limit) { // restored after the last row of its fetch
            ps.position = Math.min(limit, ps.end);
            ps.emitted = ps.position;
            return true;
        }
        FetchResult fetch;
        try {
            if (upsert && ps.latest == null) {
                ps.latest = LatestPerKey.build(store, ps.tp, ps.position, ps.end, fetchBytes);
            }
            fetch = store.read(ps.tp, ps.position, fetchBuffer.next());
        } catch (UnavailableException e) {
            ps.resumeLimit = limit;
            unavailable(e, UNAVAILABLE_WAIT_MILLIS);
            return false;
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
            watermarks.touch(ps.slot, clock.millis());
        }
        // a restored scan ends the interrupted fetch where it ended, so batches come out as before
        fetchEnd = limit >= 0 ? Math.min(limit, fetch.nextOffset()) : fetch.nextOffset();
        boolean rows = false;
        for (RecordBatch batch : fetch) {
            fetchBuffer.saw(batch.sizeInBytes());
            if (batch.nextOffset() <= ps.position) {
                continue;
            }
            if (batch.baseOffset() >= ps.end || batch.baseOffset() >= fetchEnd) {
                break;
            }
            if (batch.isPayload()) {
                if (rows) {
                    recordRows.emit(output);
                    rows = false;
                }
                blockRows.read(ps, batch, output);
            } else {
                if (recordRows == null) {
                    bad(ps, batch.baseOffset(), "a batch of records in a topic of format " + formatName(), batch.buffer(), batch.recordCount());
                } else {
                    rows = true;
                    recordRows.read(ps, batch, output);
                }
            }
            ps.position = Math.min(batch.nextOffset(), ps.end);
        }
        if (rows) {
            recordRows.emit(output);
        }
        if (recordRows != null && recordRows.takeWatermarkRecords()) {
            emitWatermark(output); // after the rows before them: a watermark record may advance the scan's
        }
        ps.position = Math.min(Math.max(ps.position, fetchEnd), ps.end);
        ps.emitted = ps.position;
        if (progress != null && !cancelled) {
            ps.reported = ps.position;
            progress.processed(ps.tp, ps.position);
        }
        return true;
    }

    /**
     * Notes, before rows go out, that partition {@code ps} will have emitted everything below
     * {@code next}, and whether a watermark check comes right after them (checkpoints are taken
     * while the rows are being emitted).
     */
    void emitted(ScanPartition ps, long next, boolean thenWatermark) {
        ps.emitted = next;
        watermarkDue = thenWatermark;
    }

    // ---- bookkeeping ----

    long clockMillis() {
        return clock.millis();
    }

    void emit(VectorSchemaRoot batch, Output output) {
        rowsEmitted += batch.getRowCount();
        output.emit(batch);
    }

    /** Emits the scan's watermark if it advanced (event time tracked only). */
    void emitWatermark(Output output) {
        watermarkDue = false;
        if (watermarks != null) {
            long w = watermarks.advance(clock.millis());
            if (w != PartitionWatermarks.NONE) {
                output.watermark(w);
            }
        }
    }

    /** Emits record rows that take partition {@code ps} to {@code next}, then the watermark check they are due. */
    void emitRows(ScanPartition ps, long next, VectorSchemaRoot rows, Output output) {
        emitted(ps, next, true);
        emit(rows, output);
        emitWatermark(output);
    }

    String formatName() {
        return scan.relation().storage().format().sqlName();
    }

    void bad(ScanPartition ps, long offset, String reason, ByteBuffer raw, int records) {
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
            ScanPartition ps = partitions[p];
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
            ScanPartition ps = partitions[p];
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
        return new ScanStats(rowsEmitted, badRecords, recordRows == null ? 0 : recordRows.superseded());
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public void close() {
        partitions = null;
        blockRows.close();
        fetchBuffer.close();
    }
}
