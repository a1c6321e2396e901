package dev.runnel.exec.cluster;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one partition of a view's state topic holds, as compaction would leave it: the newest
 * committed value per key (a tombstone removes the key), and the offset it has read to. A take-over
 * builds one from the partition's start; a standby ({@link StandbyStates}) keeps one and follows
 * the partition, so that a take-over only reads the records appended since. Reading to the end
 * (the last stable offset: committed records only) and then {@link #restore restoring} a task
 * gives that task's newest whole snapshot: manifests follow their chunks in each transaction, and
 * chunks are removed only after a manifest that no longer lists them. Thread-safe (one reader at a
 * time: a standby's follower and the task taking it over wait for each other).
 */
final class StateMirror {
    private final TopicPartition tp;
    private final Map<String, byte[]> latest = new HashMap<>();
    private long position = -1;
    private long bytesRead;
    private long recordsRead;

    StateMirror(TopicPartition tp) {
        this.tp = tp;
    }

    TopicPartition partition() {
        return tp;
    }

    /**
     * Reads the partition from where this mirror stopped (its start the first time, or when
     * records before that position are gone) to its end now; returns the records read.
     */
    synchronized long catchUp(LogStore store) {
        long start = store.logStartOffset(tp);
        if (position < start) {
            latest.clear(); // the first read, or the partition lost records this mirror had not read
            position = start;
        }
        long end = store.logEndOffset(tp);
        long read = 0;
        while (position < end) {
            FetchResult f = store.read(tp, position, 4 << 20);
            if (f.isEmpty()) {
                break;
            }
            for (RecordBatch b : f) {
                RecordCursor c = b.records();
                while (c.next()) {
                    read++;
                    if (c.keyLength() < 0) {
                        continue;
                    }
                    byte[] v = c.isTombstone() ? null : c.valueBytes();
                    apply(latest, new String(c.keyBytes(), StandardCharsets.UTF_8), v);
                    bytesRead += c.keyLength() + (v == null ? 0 : v.length);
                }
            }
            position = Math.max(position + 1, f.nextOffset());
        }
        recordsRead += read;
        return read;
    }

    /** Applies one record (a null value: a tombstone) to {@code latest}, as compaction keeps them. */
    static void apply(Map<String, byte[]> latest, String key, byte[] value) {
        if (value == null) {
            latest.remove(key);
        } else {
            latest.put(key, value);
        }
    }

    /** The newest whole snapshot of task {@code task} for a query of {@code fingerprint}, as of the last catch-up. */
    synchronized StateChunks.Restored restore(String task, String fingerprint) {
        return StateChunks.restore(tp, task, fingerprint, latest);
    }

    synchronized long position() {
        return position;
    }

    /** Bytes of keys and values read so far (the cost of following). */
    synchronized long bytesRead() {
        return bytesRead;
    }

    synchronized long recordsRead() {
        return recordsRead;
    }

    /** Bytes of values held. */
    synchronized long heldBytes() {
        long n = 0;
        for (byte[] v : latest.values()) {
            n += v.length;
        }
        return n;
    }

    /** Reads partition {@code tp} from its start and restores task {@code task} (a take-over without a standby). */
    static StateChunks.Restored read(LogStore store, TopicPartition tp, String task, String fingerprint) {
        StateMirror m = new StateMirror(tp);
        m.catchUp(store);
        return m.restore(task, fingerprint);
    }

    @Override
    public String toString() {
        return "state mirror of " + tp + " at " + Optional.of(position).filter(p -> p >= 0).map(String::valueOf)
                .orElse("(not read)");
    }
}
