package dev.runnel.log.cleaner;

import dev.runnel.log.TopicPartition;
import java.nio.file.Path;

/**
 * A test seam called at each step of replacing a segment after which a crash leaves different files
 * behind, so tests can copy the data directory there (a crash image) or stall the cleaner.
 *
 * <p>Called on the cleaning thread, with no lock of the partition held.
 */
@FunctionalInterface
interface CleanerHook {
    /** The steps, in the order they happen for each segment. */
    enum Step {
        /** {@code <base>.log.cleaned} is complete and fsynced; recovery would delete it. */
        CLEANED_WRITTEN,
        /** It was renamed to {@code <base>.log.swap}; recovery would swap it in. */
        SWAP_RENAMED,
        /** The partition log now serves the compacted segment. */
        SWAPPED
    }

    CleanerHook NONE = (step, tp, file) -> { };

    /** @param file the file the step produced ({@code .cleaned}, {@code .swap}, or the new {@code .log}) */
    void reached(Step step, TopicPartition tp, Path file);
}
