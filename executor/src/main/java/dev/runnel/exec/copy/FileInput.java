package dev.runnel.exec.copy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file read through one reusable byte buffer, so COPY never holds more of it than the record it
 * parses plus a read-ahead. {@code buf[pos, limit)} is unread input; {@link #fill} moves it to
 * the front and reads more, growing the buffer only for a record longer than it. Not thread-safe.
 */
final class FileInput implements AutoCloseable {
    private final FileChannel channel;
    private final long size;
    byte[] buf;
    int pos;
    int limit;
    boolean eof;
    /** File position of {@code buf[0]}. */
    private long base;

    FileInput(Path path, int bufferSize) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        // a small file gets a buffer its size, not the full one (a feed COPYs a small file every few ms)
        this.buf = new byte[(int) Math.min(bufferSize, Math.max(8192, size + 1))];
    }

    long size() {
        return size;
    }

    /** File position of the next unread byte. */
    long position() {
        return base + pos;
    }

    /** Starts reading at {@code filePosition} (a resumed COPY). */
    void seek(long filePosition) throws IOException {
        channel.position(filePosition);
        base = filePosition;
        pos = 0;
        limit = 0;
        eof = false;
    }

    /**
     * Keeps {@code buf[pos, limit)} and reads more after it; returns false at the end of the file.
     * The buffer doubles when the unread part fills it, up to {@code maxBytes}.
     */
    boolean fill(int maxBytes) throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= maxBytes) {
                return true; // caller sees the buffer full and treats the record as too long
            }
            buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, maxBytes));
        }
        int n = channel.read(ByteBuffer.wrap(buf, limit, buf.length - limit));
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
