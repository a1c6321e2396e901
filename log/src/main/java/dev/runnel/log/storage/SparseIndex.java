package dev.runnel.log.storage;

import dev.runnel.log.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A sparse, append-only index of fixed-size entries (a 32-bit relative offset plus a 64-bit or
 * 32-bit value), held in memory and mirrored to a file, as {@link OffsetIndex} and
 * {@link TimeIndex} need. Entries are appended in increasing relative offset.
 *
 * <p>Thread-safety: one writer (the partition's appender); readers may search concurrently and
 * see a prefix of the entries.
 */
abstract class SparseIndex {
    private final Path file;
    private final int entrySize;
    private FileChannel channel;
    private int[] relOffsets = new int[64];
    private long[] values = new long[64];
    private volatile int size;

    SparseIndex(Path file, int entrySize) {
        this.file = file;
        this.entrySize = entrySize;
    }

    abstract void writeEntry(ByteBuffer out, int relOffset, long value);

    /** Reads the next entry of {@code in} into {@code relOffsets[i]} and {@code values[i]}. */
    abstract void readEntry(ByteBuffer in, int[] relOffsets, long[] values, int i);

    Path file() {
        return file;
    }

    int entries() {
        return size;
    }

    int relOffsetAt(int i) {
        return relOffsets[i];
    }

    long valueAt(int i) {
        return values[i];
    }

    /**
     * Loads the file's entries. Returns false (leaving the index empty) when the file is missing or
     * fails a sanity check, so the caller rebuilds it from the log.
     */
    boolean load(long maxValueExclusive, boolean valuesAreSorted) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            long bytes = Files.size(file);
            if (bytes % entrySize != 0) {
                return false;
            }
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            int n = (int) (bytes / entrySize);
            int[] ro = new int[Math.max(64, n)];
            long[] vs = new long[Math.max(64, n)];
            for (int i = 0; i < n; i++) {
                readEntry(in, ro, vs, i);
                if (ro[i] < 0 || (i > 0 && ro[i] <= ro[i - 1])) {
                    return false;
                }
                if (valuesAreSorted && ((i > 0 && vs[i] < vs[i - 1]) || vs[i] >= maxValueExclusive)) {
                    return false;
                }
            }
            relOffsets = ro;
            values = vs;
            size = n;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void append(int relOffset, long value) {
        int n = size;
        if (n > 0 && relOffset <= relOffsets[n - 1]) {
            return;
        }
        if (n == relOffsets.length) {
            relOffsets = Arrays.copyOf(relOffsets, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        relOffsets[n] = relOffset;
        values[n] = value;
        ByteBuffer out = ByteBuffer.allocate(entrySize);
        writeEntry(out, relOffset, value);
        out.flip();
        try {
            FileChannel ch = channel();
            ch.write(out, (long) n * entrySize);
        } catch (IOException e) {
            throw new StorageException("cannot write index " + file + ": " + e.getMessage(), e);
        }
        size = n + 1;
    }

    /** Index of the last entry with relative offset <= {@code relOffset}, or -1. */
    int floorByRelOffset(int relOffset) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (relOffsets[mid] <= relOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Drops entries from the first one with relative offset >= {@code relOffset} and rewrites the file. */
    void truncateFrom(int relOffset) {
        int keep = floorByRelOffset(relOffset - 1) + 1;
        size = keep;
        try {
            channel().truncate((long) keep * entrySize);
        } catch (IOException e) {
            throw new StorageException("cannot truncate index " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forgets all entries and empties the file (before a rebuild). */
    void reset() {
        size = 0;
        try {
            channel().truncate(0);
        } catch (IOException e) {
            throw new StorageException("cannot reset index " + file + ": " + e.getMessage(), e);
        }
    }

    void flush() {
        try {
            if (channel != null) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new StorageException("cannot flush index " + file + ": " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new StorageException("cannot close index " + file + ": " + e.getMessage(), e);
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            // entries beyond the in-memory size are stale (rebuild case)
            if (channel.size() > (long) size * entrySize) {
                channel.truncate((long) size * entrySize);
            }
        }
        return channel;
    }
}
