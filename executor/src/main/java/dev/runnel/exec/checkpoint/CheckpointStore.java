package dev.runnel.exec.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
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
    /**
     * Where checkpoints are kept, each a byte string (the layout above) under its sequence number:
     * files (the default), or records of a Kafka topic ({@link KafkaCheckpoints}) for a job that
     * another process of a cluster may continue.
     */
    public interface Medium {
        /** Stores checkpoint {@code sequence} durably and whole (a reader never sees part of it). */
        void put(long sequence, byte[] bytes) throws IOException;

        /** Checkpoint {@code sequence}'s bytes, or null when it is gone. */
        byte[] get(long sequence) throws IOException;

        /** The sequences present, in any order. */
        List<Long> sequences() throws IOException;

        void delete(long sequence) throws IOException;

        void deleteAll() throws IOException;

        /** How log lines name checkpoint {@code sequence}. */
        String name(long sequence);
    }

    private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());
    private static final byte[] MAGIC = "RNLCKPT1".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "checkpoint-";
    private static final String SUFFIX = ".bin";
    private static final int KEEP = 2;

    private final Path dir;
    private final Medium medium;

    public CheckpointStore(Path dir) {
        this.dir = dir;
        this.medium = new Files();
    }

    /** Checkpoints kept in {@code medium}. */
    public CheckpointStore(Medium medium) {
        this.dir = null;
        this.medium = medium;
    }

    /** The directory of file checkpoints (null for another medium). */
    public Path directory() {
        return dir;
    }

    /** A checkpoint read back: its sequence number, when it was taken, and its body. */
    public record Checkpoint(long sequence, long createdMillis, byte[] body) {}

    /** Writes checkpoint {@code sequence} durably, then deletes all but the newest {@link #KEEP}; returns its size. */
    public long write(long sequence, long createdMillis, String fingerprint, byte[] body) throws IOException {
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        ByteBuffer all = ByteBuffer.allocate(MAGIC.length + 8 + 8 + 4 + fp.length + 8 + body.length + 4);
        all.put(MAGIC).putLong(sequence).putLong(createdMillis).putInt(fp.length).put(fp).putLong(body.length)
                .put(body);
        CRC32C crc = new CRC32C();
        crc.update(all.array(), 0, all.position());
        all.putInt((int) crc.getValue());
        medium.put(sequence, all.array());
        List<Long> seqs = sequences();
        for (int i = KEEP; i < seqs.size(); i++) {
            medium.delete(seqs.get(i));
        }
        return all.capacity();
    }

    /** The newest checkpoint of {@code fingerprint} whose checksum holds, if any. */
    public Optional<Checkpoint> latest(String fingerprint) throws IOException {
        for (long seq : sequences()) {
            byte[] bytes = medium.get(seq);
            if (bytes != null) {
                Optional<Checkpoint> c = read(medium.name(seq), bytes, fingerprint);
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Checkpoint> read(String f, byte[] all, String fingerprint) {
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

    /** Sequence numbers of the checkpoints present, newest first. */
    public List<Long> sequences() throws IOException {
        List<Long> out = new ArrayList<>(medium.sequences());
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** Deletes every checkpoint (and the directory: the view was dropped). */
    public void deleteAll() throws IOException {
        medium.deleteAll();
    }

    /** Checkpoint files in {@link #dir}, each written to a temporary name, forced, then renamed into place. */
    private final class Files implements Medium {
        @Override
        public void put(long sequence, byte[] bytes) throws IOException {
            java.nio.file.Files.createDirectories(dir);
            Path tmp = dir.resolve(PREFIX + sequence + SUFFIX + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Path target = file(sequence);
            try {
                java.nio.file.Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                java.nio.file.Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
        }

        @Override
        public byte[] get(long sequence) throws IOException {
            try {
                return java.nio.file.Files.readAllBytes(file(sequence));
            } catch (NoSuchFileException e) {
                return null; // deleted meanwhile
            }
        }

        @Override
        public List<Long> sequences() throws IOException {
            List<Long> out = new ArrayList<>();
            if (!java.nio.file.Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> files = java.nio.file.Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
                for (Path f : files) {
                    String n = f.getFileName().toString();
                    try {
                        out.add(Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
                    } catch (NumberFormatException e) {
                        // not ours
                    }
                }
            }
            return out;
        }

        @Override
        public void delete(long sequence) throws IOException {
            java.nio.file.Files.deleteIfExists(file(sequence));
        }

        @Override
        public void deleteAll() throws IOException {
            if (!java.nio.file.Files.isDirectory(dir)) {
                return;
            }
            try (var walk = java.nio.file.Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        }

        @Override
        public String name(long sequence) {
            return file(sequence).toString();
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
