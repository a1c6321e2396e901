package dev.runnel.exec.engine;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock an engine on Kafka holds on its local directory (view and job checkpoints), so that two
 * processes (say, of one cluster started from one directory) never share checkpoint files: the
 * second is refused with 55006, told to give each process its own {@code --data-dir}. The embedded
 * log locks its directory itself. Not thread-safe: opened and closed by the engine.
 */
final class LocalDirLock implements AutoCloseable {
    static final String FILE = ".runnel-engine.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private LocalDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LocalDirLock take(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new RunnelSqlException("55006", "the directory " + dir + " is in use by another Runnel engine; give"
                    + " each process its own --data-dir (or dataDir in the URL)", SourcePos.UNKNOWN);
        }
        return new LocalDirLock(ch, l);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process ends its hold on the file anyway
        }
    }
}
