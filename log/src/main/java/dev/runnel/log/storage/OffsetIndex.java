package dev.runnel.log.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from offset to file position within one segment, one entry per
 * {@code index.interval.bytes} of log, for the first batch at or after each interval.
 *
 * <h2>File layout ({@code <baseOffset>.index})</h2>
 * A sequence of 8-byte entries, big-endian, in increasing offset:
 * <pre>
 *   0  4  relativeOffset   batch base offset minus the segment's base offset
 *   4  4  position         byte position of that batch in the {@code .log} file
 * </pre>
 * The file is derived data: when it is missing, its size is not a multiple of 8, its offsets do not
 * increase, or a position lies beyond the log, it is rebuilt from the log.
 *
 * <p>Thread-safety: see {@link SparseIndex}.
 */
public final class OffsetIndex extends SparseIndex {
    public static final int ENTRY_SIZE = 8;

    public OffsetIndex(Path file) {
        super(file, ENTRY_SIZE);
    }

    @Override
    void writeEntry(ByteBuffer out, int relOffset, long position) {
        out.putInt(relOffset).putInt((int) position);
    }

    @Override
    void readEntry(ByteBuffer in, int[] relOffsets, long[] positions, int i) {
        relOffsets[i] = in.getInt();
        positions[i] = in.getInt();
    }

    /** Position of the last indexed batch starting at or before {@code relOffset}; 0 if none. */
    public int lookupPosition(int relOffset) {
        int i = floorByRelOffset(relOffset);
        return i < 0 ? 0 : (int) valueAt(i);
    }

    /** Position of the last indexed entry, 0 if empty. */
    public int lastPosition() {
        int n = entries();
        return n == 0 ? 0 : (int) valueAt(n - 1);
    }
}
