package dev.runnel.exec.cluster;

import dev.runnel.exec.cluster.StateChunker.ChunkId;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A task's snapshots in its view's compacted state topic, written incrementally: the snapshot bytes
 * are cut into content-defined chunks ({@link StateChunker}), each a record keyed
 * {@code <task>@<128-bit content hash, hex>}, and a manifest record keyed {@code <task>} lists them.
 * A commit writes, in the task's transaction and in this order, the chunks the topic does not hold
 * yet, the manifest, then tombstones for the task's chunks the manifest no longer lists — so any
 * committed prefix of the partition (a reader at its last stable offset, compaction) shows a
 * manifest whose chunks are all there. This writer remembers which chunks the topic holds (from
 * the restore, then from its own commits), so a snapshot that changed a little costs the changed
 * chunks and a manifest.
 *
 * <p>Manifest layout (big-endian): {@code int magic 0xC4A7_0002} (negative, so never a chunk
 * count of the first layout), {@code long} snapshot length, {@code long} CRC-32C of the snapshot,
 * {@code int n} and {@code n} bytes of the query's fingerprint (UTF-8), {@code int} chunk count,
 * then per chunk in order {@code long} hash high, {@code long} hash low, {@code int} length. The first layout ({@link TaskState#write}: fixed chunks {@code <task>#<i>}
 * and a manifest starting with its chunk count, a positive int) is still read, and the first
 * commit after such a restore tombstones its chunks. Not thread-safe (one per running task).
 */
final class StateChunks {
    static final int MAGIC = 0xC4A7_0002;

    private final String task;
    private final String fingerprint;
    private final MessageDigest digest = StateChunker.digest();
    /** The task's chunks the topic holds (committed). */
    private Set<ChunkId> live;
    /** Keys of the first layout's chunks still in the topic, removed by the next commit. */
    private List<String> stale;
    private Set<ChunkId> pendingLive;
    private long chunksWritten;
    private long bytesWritten;
    private long lastBytes;
    private long lastSnapshot;

    StateChunks(String task, String fingerprint, Restored from) {
        this.task = task;
        this.fingerprint = fingerprint;
        this.live = new HashSet<>(from.live());
        this.stale = new ArrayList<>(from.stale());
    }

    /**
     * The records that write snapshot {@code state[0..length)} (for one transaction, in this order):
     * new chunks, the manifest, then tombstones; call {@link #committed} once the transaction
     * committed (a failed one leaves this writer as it was).
     */
    List<Record> write(byte[] state, int length) {
        int[] ends = StateChunker.boundaries(state, length);
        ChunkId[] ids = new ChunkId[ends.length];
        List<Record> records = new ArrayList<>();
        Set<ChunkId> next = new HashSet<>(ends.length * 2);
        long bytes = 0;
        int from = 0;
        for (int i = 0; i < ends.length; i++) {
            ids[i] = StateChunker.hash(digest, state, from, ends[i]);
            if (next.add(ids[i]) && !live.contains(ids[i])) {
                byte[] key = key(task, ids[i]);
                byte[] value = Arrays.copyOfRange(state, from, ends[i]);
                records.add(Record.of(key, value));
                bytes += key.length + value.length;
                chunksWritten++;
            }
            from = ends[i];
        }
        CRC32C crc = new CRC32C();
        crc.update(state, 0, length);
        byte[] manifest = manifest(length, crc.getValue(), fingerprint, ids, ends);
        byte[] manifestKey = task.getBytes(StandardCharsets.UTF_8);
        records.add(Record.of(manifestKey, manifest));
        bytes += manifestKey.length + manifest.length;
        for (ChunkId id : live) {
            if (!next.contains(id)) {
                byte[] key = key(task, id);
                records.add(Record.of(key, null));
                bytes += key.length;
            }
        }
        for (String k : stale) {
            byte[] key = k.getBytes(StandardCharsets.UTF_8);
            records.add(Record.of(key, null));
            bytes += key.length;
        }
        pendingLive = next;
        lastBytes = bytes;
        lastSnapshot = length;
        return records;
    }

    /** The transaction of the last {@link #write} committed: the topic holds exactly its chunks. */
    void committed() {
        if (pendingLive == null) {
            throw new IllegalStateException("nothing written");
        }
        live = pendingLive;
        pendingLive = null;
        stale = List.of();
        bytesWritten += lastBytes;
    }

    /** Chunks written by this writer's commits. */
    long chunksWritten() {
        return chunksWritten;
    }

    /** Bytes of keys and values written by this writer's committed commits. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Bytes of keys and values of the last write. */
    long lastBytes() {
        return lastBytes;
    }

    /** The length of the last snapshot written. */
    long lastSnapshot() {
        return lastSnapshot;
    }

    int liveChunks() {
        return live.size();
    }

    static byte[] key(String task, ChunkId id) {
        return (task + "@" + id.hex()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] manifest(long length, long crc, String fingerprint, ChunkId[] ids, int[] ends) {
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8 + 4 + fp.length + 4 + ids.length * 20);
        b.putInt(MAGIC).putLong(length).putLong(crc).putInt(fp.length).put(fp).putInt(ids.length);
        int from = 0;
        for (int i = 0; i < ids.length; i++) {
            b.putLong(ids[i].hi()).putLong(ids[i].lo()).putInt(ends[i] - from);
            from = ends[i];
        }
        return b.array();
    }

    /**
     * A restored task: its newest snapshot (null: none, or of another query), the chunks of the new
     * layout the topic holds for it, and the keys of the first layout's chunks it holds.
     */
    record Restored(byte[] state, Set<ChunkId> live, List<String> stale) {
        static final Restored NONE = new Restored(null, Set.of(), List.of());
    }

    /** Task {@code task}'s newest snapshot among {@code latest} (a state partition's newest value per key). */
    static Restored restore(TopicPartition tp, String task, String fingerprint, Map<String, byte[]> latest) {
        Set<ChunkId> live = new HashSet<>();
        List<String> stale = new ArrayList<>();
        String newPrefix = task + "@";
        String oldPrefix = task + "#";
        for (String k : latest.keySet()) {
            if (k.startsWith(newPrefix)) {
                live.add(ChunkId.parse(k.substring(newPrefix.length())));
            } else if (k.startsWith(oldPrefix)) {
                stale.add(k);
            }
        }
        byte[] m = latest.get(task);
        if (m == null) {
            return new Restored(null, live, stale);
        }
        try {
            ByteBuffer manifest = ByteBuffer.wrap(m);
            int first = manifest.getInt();
            byte[] state = first == MAGIC ? assemble(tp, task, fingerprint, manifest, latest)
                    : TaskState.assembleFirstLayout(tp, task, fingerprint, first, manifest, latest);
            return new Restored(state, live, stale);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("the state manifest of task " + task + " in " + tp + " is damaged", e);
        }
    }

    private static byte[] assemble(TopicPartition tp, String task, String fingerprint, ByteBuffer manifest,
            Map<String, byte[]> latest) {
        long length = manifest.getLong();
        long crc = manifest.getLong();
        byte[] fp = new byte[manifest.getInt()];
        manifest.get(fp);
        if (!fingerprint.equals(new String(fp, StandardCharsets.UTF_8))) {
            return null;
        }
        int n = manifest.getInt();
        if (length > Integer.MAX_VALUE - 16 || n < 0) {
            throw new IllegalArgumentException("bad length or chunk count");
        }
        byte[] state = new byte[(int) length];
        int at = 0;
        for (int i = 0; i < n; i++) {
            ChunkId id = new ChunkId(manifest.getLong(), manifest.getLong());
            int len = manifest.getInt();
            byte[] part = latest.get(task + "@" + id.hex());
            if (part == null) {
                throw new IllegalStateException("the state of task " + task + " in " + tp + " lacks chunk " + i
                        + " of " + n + " (" + id.hex() + ")");
            }
            if (part.length != len || at + len > state.length) {
                throw new IllegalStateException("the state of task " + task + " in " + tp + " is damaged (chunk " + i
                        + " is " + part.length + " bytes, its manifest says " + len + ")");
            }
            System.arraycopy(part, 0, state, at, len);
            at += len;
        }
        CRC32C check = new CRC32C();
        check.update(state, 0, at);
        if (at != length || check.getValue() != crc) {
            throw new IllegalStateException("the state of task " + task + " in " + tp + " is damaged (length or CRC"
                    + " differs from its manifest)");
        }
        return state;
    }
}
