package dev.runnel.log.storage;

import java.nio.file.Path;

/**
 * File names of a segment: the base offset as 20 zero-padded digits plus a suffix, as in Kafka
 * ({@code 00000000000000000000.log}). Suffixes beyond the three live files mark compaction steps
 * that recovery finishes or rolls back.
 */
public final class SegmentFiles {
    public static final String LOG = ".log";
    public static final String INDEX = ".index";
    public static final String TIME_INDEX = ".timeindex";
    /** A compaction output still being written: deleted on recovery. */
    public static final String CLEANED = ".cleaned";
    /** A complete compaction output waiting to replace its segment: swapped in on recovery. */
    public static final String SWAP = ".swap";

    private SegmentFiles() {}

    public static String baseName(long baseOffset) {
        return String.format("%020d", baseOffset);
    }

    public static Path log(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG);
    }

    public static Path index(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX);
    }

    public static Path timeIndex(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX);
    }

    /** Where compaction writes a segment's new contents until they are complete ({@code <base>.log.cleaned}). */
    public static Path cleaned(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG + CLEANED);
    }

    /** A complete, fsynced compaction output waiting to replace its segment ({@code <base>.log.swap}). */
    public static Path swap(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG + SWAP);
    }

    /** The base offset named by a file such as {@code 00000000000000001234.log}, or -1. */
    public static long baseOffsetOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        if (dot != 20) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
