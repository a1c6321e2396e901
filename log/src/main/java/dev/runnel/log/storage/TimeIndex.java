package dev.runnel.log.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from event time to offset within one segment. An entry {@code (t, o)} promises that
 * every record before offset {@code o} in the segment has an event time {@code <= t}; so to find the
 * first record with time {@code >= T}, start at the last entry with {@code t < T}. Entries are added
 * with the {@link OffsetIndex} entries, and {@code t} never decreases.
 *
 * <h2>File layout ({@code <baseOffset>.timeindex})</h2>
 * A sequence of 12-byte entries, big-endian:
 * <pre>
 *   0  8  maxTimestampBefore   largest event time of the records before the offset (epoch millis)
 *   8  4  relativeOffset       offset minus the segment's base offset
 * </pre>
 * Derived data, rebuilt from the log like the offset index.
 *
 * <p>Thread-safety: see {@link SparseIndex}.
 */
public final class TimeIndex extends SparseIndex {
    public static final int ENTRY_SIZE = 12;

    public TimeIndex(Path file) {
        super(file, ENTRY_SIZE);
    }

    @Override
    void writeEntry(ByteBuffer out, int relOffset, long timestamp) {
        out.putLong(timestamp).putInt(relOffset);
    }

    @Override
    void readEntry(ByteBuffer in, int[] relOffsets, long[] timestamps, int i) {
        timestamps[i] = in.getLong();
        relOffsets[i] = in.getInt();
    }

    /** Relative offset from which to scan for the first record with time >= {@code timestamp}; 0 if none. */
    public int lookupRelOffset(long timestamp) {
        int lo = 0;
        int hi = entries() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (valueAt(mid) < timestamp) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : relOffsetAt(found);
    }
}
