package dev.runnel.exec.source;

import dev.runnel.exec.format.BadValueException;
import dev.runnel.exec.format.ColumnarFormat;
import dev.runnel.exec.format.RowFormat;
import dev.runnel.exec.operator.Output;
import dev.runnel.log.record.RecordBatch;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The columnar half of a {@link LogScanSource}: loads a payload batch (one columnar block standing
 * for consecutive offsets) into a reused batch, only the projected columns, as vectors over slices
 * of the scan's fetch buffer (no copy); fills the metadata columns and {@code _watermark}, and
 * hands the block to the scan whole or, when it is larger than {@code batchRows} or only partly
 * unread (a restored scan), in slices. A block that cannot be decoded goes to the scan's dead
 * letters. One per scan, used from the scan's thread only.
 */
final class BlockRows {
    private final LogScanSource scan;
    private final RowFormat format;
    private final ScanProjection projection;
    private final MetadataFiller metadata;
    private final int batchRows;
    private final FetchBuffer fetchBuffer;

    private BufferAllocator allocator;
    private PartitionWatermarks watermarks;
    /** The batch blocks are loaded into, reused block after block (emptied after each). */
    private VectorSchemaRoot block;

    BlockRows(LogScanSource scan, RowFormat format, ScanProjection projection, MetadataFiller metadata,
            int batchRows, FetchBuffer fetchBuffer) {
        this.scan = scan;
        this.format = format;
        this.projection = projection;
        this.metadata = metadata;
        this.batchRows = batchRows;
        this.fetchBuffer = fetchBuffer;
    }

    /** @param watermarks the scan's event-time state, null when it tracks none */
    void open(BufferAllocator allocator, PartitionWatermarks watermarks) {
        this.allocator = allocator;
        this.watermarks = watermarks;
    }

    void read(ScanPartition ps, RecordBatch batch, Output output) {
        ByteBuffer payload = batch.payload();
        if (!(format instanceof ColumnarFormat columnar)) {
            scan.bad(ps, batch.baseOffset(), "a columnar block in a topic of format " + scan.formatName(), payload,
                    batch.recordCount());
            return;
        }
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
                scan.bad(ps, batch.baseOffset(), e.reason(), payload, batch.recordCount());
                return;
            }
            if (rows != batch.recordCount()) {
                scan.bad(ps, batch.baseOffset(), "columnar block of " + rows + " rows in a batch of "
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
                scan.emitted(ps, batch.baseOffset() + to, true);
                scan.emit(projection.view(block), output);
            } else {
                for (int at = from; at < to; at += batchRows) {
                    int n = Math.min(batchRows, to - at);
                    // slice by slice, so event time between slices (a checkpoint) covers only rows emitted
                    fillWatermarks(ps, at, at + n);
                    try (VectorSchemaRoot slice = block.slice(at, n)) {
                        scan.emitted(ps, batch.baseOffset() + at + n, at + n >= to);
                        scan.emit(projection.view(slice), output);
                    }
                }
            }
            scan.emitWatermark(output); // after every slice: the rows of later slices formed it too
        } finally {
            block.clear(); // releases the block's hold on the fetch buffer
        }
    }

    /** Sets {@code _watermark} of block rows {@code [from, to)} and advances the partition's event time by them. */
    private void fillWatermarks(ScanPartition ps, int from, int to) {
        if (watermarks != null) {
            watermarks.fillBlock(ps.slot, projection.eventTime(block), from, to, metadata.watermarkVector());
        }
    }

    void close() {
        if (block != null) {
            block.close();
            block = null;
        }
    }
}
