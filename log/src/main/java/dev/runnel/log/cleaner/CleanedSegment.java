package dev.runnel.log.cleaner;

import dev.runnel.log.storage.SegmentFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The compacted copy of one segment on its way in: written to {@code <base>.log.cleaned}, forced to
 * disk, then renamed atomically to {@code <base>.log.swap}, ready for
 * {@link dev.runnel.log.storage.PartitionLog#swapSegment}. A crash before the rename leaves a
 * {@code .cleaned} file that recovery deletes; after it, a {@code .swap} file that recovery swaps in.
 * Closing removes whichever of the two is still there, so an abandoned clean leaves nothing behind.
 *
 * <p>Not thread-safe.
 */
final class CleanedSegment implements AutoCloseable {
    private final Path dir;
    private final Path cleaned;
    private final Path swap;
    private FileChannel channel;
    private long size;

    private CleanedSegment(Path dir, long baseOffset, FileChannel channel) {
        this.dir = dir;
        this.cleaned = SegmentFiles.cleaned(dir, baseOffset);
        this.swap = SegmentFiles.swap(dir, baseOffset);
        this.channel = channel;
    }

    /** Starts an empty {@code .cleaned} file for the segment at {@code baseOffset} (replacing any leftover). */
    static CleanedSegment create(Path dir, long baseOffset) throws IOException {
        FileChannel ch = FileChannel.open(SegmentFiles.cleaned(dir, baseOffset), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        return new CleanedSegment(dir, baseOffset, ch);
    }

    void append(ByteBuffer batch) throws IOException {
        ByteBuffer src = batch.duplicate();
        while (src.hasRemaining()) {
            size += channel.write(src, size);
        }
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    Path cleanedFile() {
        return cleaned;
    }

    /** Forces the {@code .cleaned} file to disk and closes it: from here on it is complete. */
    void finishWriting() throws IOException {
        channel.force(true);
        channel.close();
        channel = null;
    }

    /** Renames the complete file to {@code .swap} (atomically, then makes the rename durable). */
    Path promote() throws IOException {
        Files.move(cleaned, swap, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        return swap;
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open or force a directory; the rename is still atomic there
        }
    }

    /** Closes the file if still open and deletes the {@code .cleaned} or {@code .swap} file if still present. */
    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        } finally {
            Files.deleteIfExists(cleaned);
            Files.deleteIfExists(swap);
        }
    }
}
