package dev.runnel.exec.source;

import dev.runnel.exec.format.BadValueException;
import dev.runnel.exec.format.KeyDecoder;
import dev.runnel.exec.format.RecordFormat;
import dev.runnel.exec.format.VectorRowWriter;
import dev.runnel.exec.operator.Output;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import dev.runnel.planner.catalog.Column;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The record (json, csv, debezium-json) half of a {@link LogScanSource}: decodes the records of
 * consecutive batches of one fetch row by row into one output batch, handed to the scan every
 * {@code batchRows} rows and at the end of the fetch. Fills the metadata columns and each row's
 * {@code _watermark} from its partition's event time; under {@code changes} also the {@code $op}
 * column (a tombstone becomes a deletion whose columns come from its key). Records superseded by a
 * newer one of their key (a bounded scan of a table) are skipped and counted; records that cannot be
 * decoded go to the scan's dead letters. One per scan, used from the scan's thread only.
 */
final class RecordRows {
    private final LogScanSource scan;
    private final RecordFormat records;
    private final List<Column> columns;
    private final ScanProjection projection;
    private final MetadataFiller metadata;
    private final boolean changes;
    private final KeyDecoder keys;
    private final int batchRows;
    private final int[] kinds = new int[2];
    private byte[] scratch = new byte[4096];
    private volatile long superseded;

    private BufferAllocator allocator;
    private PartitionWatermarks watermarks;
    private VectorSchemaRoot out;
    private VectorRowWriter writer;
    private ScanPartition partition;
    private long lastOffset;
    private boolean watermarkRecords;
    private boolean watermarkRecordsSeen;

    RecordRows(LogScanSource scan, RecordFormat records, List<Column> columns, ScanProjection projection,
            MetadataFiller metadata, boolean changes, KeyDecoder keys, int batchRows) {
        this.scan = scan;
        this.records = records;
        this.columns = columns;
        this.projection = projection;
        this.metadata = metadata;
        this.changes = changes;
        this.keys = keys;
        this.batchRows = batchRows;
    }

    /** @param watermarks the scan's event-time state, null when it tracks none */
    void open(BufferAllocator allocator, PartitionWatermarks watermarks) {
        this.allocator = allocator;
        this.watermarks = watermarks;
    }

    /** Records skipped because a newer record of their key follows (callable from any thread). */
    long superseded() {
        return superseded;
    }

    /** Reads watermark records ({@link WatermarkRecords}) into the scan's watermarks instead of as rows. */
    void readWatermarkRecords() {
        this.watermarkRecords = true;
    }

    /** Whether watermark records were read since the last call. */
    boolean takeWatermarkRecords() {
        boolean seen = watermarkRecordsSeen;
        watermarkRecordsSeen = false;
        return seen;
    }

    void read(ScanPartition ps, RecordBatch batch, Output output) {
        partition = ps;
        RecordCursor c = batch.records();
        while (c.next()) {
            long offset = c.offset();
            boolean tombstone = c.isTombstone();
            if (offset < ps.position || offset >= ps.end || (tombstone && (!changes || c.keyLength() < 0))) {
                continue;
            }
            if (watermarkRecords && c.keyLength() < 0) {
                byte[] mark = WatermarkRecords.find(c.headers());
                if (mark != null) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(mark);
                    watermarks.mark(b.getInt(), b.getLong(), scan.clockMillis());
                    watermarkRecordsSeen = true;
                    lastOffset = offset;
                    continue;
                }
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
            byte[] value = tombstone ? copy(c.keyPosition(), c.keyLength(), c) : copy(c.valuePosition(),
                    c.valueLength(), c);
            int len = tombstone ? c.keyLength() : c.valueLength();
            try {
                if (tombstone) { // a deleted key: the row holds the key's columns
                    keys.decode(value, 0, len, writer);
                    writer.endDeletion(); // its other columns have no values, NOT NULL ones neither
                    kinds[0] = RecordFormat.DELETE;
                    rows = 1;
                } else {
                    rows = records.decodeChanges(value, 0, len, writer, changes, kinds);
                }
            } catch (BadValueException e) {
                writer.discardRow();
                scan.bad(ps, offset, (tombstone ? "the key of a tombstone: " : "") + e.reason(),
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
                    metadata.setWatermark(row, watermarks.row(ps.slot, hasTime, hasTime ? time.get(row) : 0));
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
        writer = new VectorRowWriter(columns, projection.vectorsByPayloadColumn(out));
        metadata.bind(out);
    }

    /** Hands the rows decoded so far to the scan (nothing if there are none). */
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
                scan.emitRows(partition, Math.max(lastOffset + 1, partition.position), projection.view(out), output);
            }
        } finally {
            out.close();
            out = null;
            writer = null;
        }
    }

    /** {@code length} bytes of the cursor's buffer from {@code position}, in a scratch array reused record after record. */
    private byte[] copy(int position, int length, RecordCursor c) {
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        c.buffer().get(position, scratch, 0, length);
        return scratch;
    }
}
