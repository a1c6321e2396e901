package dev.runnel.exec.source;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes the metadata columns a scan projects: {@code _partition}, {@code _offset} (one per row),
 * {@code _timestamp} (the log batch's producer time) and {@code _append_time} (its append time).
 * Blocks are filled range-wise into vectors allocated at their exact size. {@code _watermark} is
 * only allocated here (all NULL): {@link PartitionWatermarks} computes it when the scan tracks event
 * time ({@link #watermarkVector()}, {@link #setWatermark}). Not thread-safe.
 */
final class MetadataFiller {
    private final ScanProjection projection;
    private IntVector partition;
    private BigIntVector offset;
    private TimeStampMilliVector timestamp;
    private TimeStampMilliVector appendTime;
    private TimeStampMilliVector watermark;

    MetadataFiller(ScanProjection projection) {
        this.projection = projection;
    }

    /** Binds to the metadata vectors of {@code out}. */
    void bind(VectorSchemaRoot out) {
        partition = (IntVector) projection.metadata(out, ScanProjection.PARTITION);
        offset = (BigIntVector) projection.metadata(out, ScanProjection.OFFSET);
        timestamp = (TimeStampMilliVector) projection.metadata(out, ScanProjection.TIMESTAMP);
        appendTime = (TimeStampMilliVector) projection.metadata(out, ScanProjection.APPEND_TIME);
        watermark = (TimeStampMilliVector) projection.metadata(out, ScanProjection.WATERMARK);
    }

    /** Fills rows {@code [0, rows)} of a block whose first row has offset {@code baseOffset}. */
    void fillBlock(int rows, int p, long baseOffset, long producerTime, long appended) {
        if (partition != null) {
            partition.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                partition.set(i, p);
            }
            partition.setValueCount(rows);
        }
        if (offset != null) {
            offset.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                offset.set(i, baseOffset + i);
            }
            offset.setValueCount(rows);
        }
        fillConstant(timestamp, rows, producerTime);
        fillConstant(appendTime, rows, appended);
        if (watermark != null) {
            watermark.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                watermark.setNull(i);
            }
            watermark.setValueCount(rows);
        }
    }

    /** The bound {@code _watermark} vector, or null if the scan does not output it. */
    TimeStampMilliVector watermarkVector() {
        return watermark;
    }

    /** Sets {@code _watermark} of one decoded record ({@link PartitionWatermarks#NONE}: NULL). */
    void setWatermark(int row, long value) {
        if (watermark != null) {
            if (value == PartitionWatermarks.NONE) {
                watermark.setNull(row);
            } else {
                watermark.setSafe(row, value);
            }
        }
    }

    private static void fillConstant(TimeStampMilliVector v, int rows, long value) {
        if (v != null) {
            v.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                v.set(i, value);
            }
            v.setValueCount(rows);
        }
    }

    /** Sets the metadata of one decoded record at {@code row}. */
    void setRow(int row, int p, long recordOffset, long producerTime, long appended) {
        if (partition != null) {
            partition.setSafe(row, p);
        }
        if (offset != null) {
            offset.setSafe(row, recordOffset);
        }
        if (timestamp != null) {
            timestamp.setSafe(row, producerTime);
        }
        if (appendTime != null) {
            appendTime.setSafe(row, appended);
        }
    }

    /** Sets the value counts after {@link #setRow} calls. */
    void finish(int rows) {
        if (partition != null) {
            partition.setValueCount(rows);
        }
        if (offset != null) {
            offset.setValueCount(rows);
        }
        if (timestamp != null) {
            timestamp.setValueCount(rows);
        }
        if (appendTime != null) {
            appendTime.setValueCount(rows);
        }
        if (watermark != null) {
            watermark.setValueCount(rows);
        }
    }
}
