package dev.runnel.exec.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The checkpoints of one job (a materialized view's) in a directory of its own: each is one file,
 * {@code checkpoint-<sequence>.bin}, written to a temporary name, forced to disk, then renamed into
 * place (and the directory forced), so a file under its final name is always complete. The newest
 * two are kept. Reading takes the newest whose checksum holds; a damaged one is skipped with a
 * warning naming it, and the one before is used.
 *
 * <p>File layout (big-endian): magic {@code RNLCKPT1} (8 bytes), sequence (8), creation time in
 * epoch millis (8), fingerprint length (4) and UTF-8 bytes (what the state belongs to: a checkpoint
 * of another query is not used), body length (8), body, CRC-32C (4) of everything before it.
 * Thread-safe for one writer and any readers.
 */
public final class CheckpointStore {
    private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());
    private static final byte[] MAGIC = "RNLCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "checkpoint-";
    private static final String SUFFIX = ".bin";
    private static final int KEEP = 2;

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** A checkpoint read back: its sequence number, when it was taken, and its body. */
    public record Checkpoint(long sequence, long createdMillis, byte[] body) {}

    /** Writes checkpoint {@code sequence} durably, then deletes all but the newest {@link #KEEP}; returns its size. */
    public long write(long sequence, long createdMillis, String fingerprint, byte[] body) throws IOException {
        Files.createDirectories(dir);
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 8 + 8 + 4 + fp.length + 8);
        head.put(MAGIC).putLong(sequence).putLong(createdMillis).putInt(fp.length).put(fp).putLong(body.length).flip();
        CRC32C crc = new CRC32C();
        crc.update(head.duplicate());
        crc.update(body);
        ByteBuffer tail = ByteBuffer.allocate(4).putInt((int) crc.getValue()).flip();
        Path tmp = dir.resolve(PREFIX + sequence + SUFFIX + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(body);
            while (head.hasRemaining() || b.hasRemaining() || tail.hasRemaining()) {
                ch.write(new ByteBuffer[] {head, b, tail});
            }
            ch.force(true);
        }
        Path target = file(sequence);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory();
        List<Long> all = sequences();
        for (int i = KEEP; i < all.size(); i++) {
            Files.deleteIfExists(file(all.get(i)));
        }
        return Files.size(target);
    }

    /** The newest checkpoint of {@code fingerprint} whose checksum holds, if any. */
    public Optional<Checkpoint> latest(String fingerprint) throws IOException {
        for (long seq : sequences()) {
            Path f = file(seq);
            try {
                Optional<Checkpoint> c = read(f, fingerprint);
                if (c.isPresent()) {
                    return c;
                }
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            }
        }
        return Optional.empty();
    }

    private Optional<Checkpoint> read(Path f, String fingerprint) throws IOException {
        byte[] all = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(all);
        String problem = null;
        if (all.length < MAGIC.length + 32) {
            problem = "it is too short (" + all.length + " bytes)";
        } else {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                problem = "it does not start with the checkpoint magic";
            }
        }
        if (problem == null) {
            CRC32C crc = new CRC32C();
            crc.update(all, 0, all.length - 4);
            if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
                problem = "its checksum does not match (damaged)";
            }
        }
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, "checkpoint " + f + " is not usable: " + problem
                    + "; using the one before it");
            return Optional.empty();
        }
        long seq = b.getLong();
        long created = b.getLong();
        byte[] fp = new byte[b.getInt()];
        b.get(fp);
        if (!new String(fp, StandardCharsets.UTF_8).equals(fingerprint)) {
            LOG.log(System.Logger.Level.INFO, "checkpoint " + f + " belongs to another query or version; not used");
            return Optional.empty();
        }
        byte[] body = new byte[(int) b.getLong()];
        b.get(body);
        return Optional.of(new Checkpoint(seq, created, body));
    }

    /** Sequence numbers of the checkpoint files present, newest first. */
    public List<Long> sequences() throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                try {
                    out.add(Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                    // not ours
                }
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** Deletes every checkpoint and the directory (the view was dropped). */
    public void deleteAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Path file(long sequence) {
        return dir.resolve(PREFIX + sequence + SUFFIX);
    }

    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename is still atomic
        }
    }
}
