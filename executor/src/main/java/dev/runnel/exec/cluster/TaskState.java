package dev.runnel.exec.cluster;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaTransaction;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A task's checkpointed state in a compacted topic: the newest snapshot per task key, cut in
 * chunks of at most {@value #CHUNK_BYTES} bytes (records {@code key#0 … key#n-1}) followed by a
 * manifest record {@code key} (chunk count, total length, CRC-32C, the fingerprint of the query it
 * belongs to). Chunks and manifest are written in the task's transaction with its output, so a
 * reader (read committed) sees a whole snapshot or the previous one. Compaction keeps the newest
 * record per key: the newest snapshot, plus stale chunks beyond its count, which are ignored.
 */
final class TaskState {
    static final int CHUNK_BYTES = 512 * 1024;

    private TaskState() {}

    /** Adds the snapshot {@code state} of task {@code key} to {@code txn} (partition {@code partition} of the state topic). */
    static void write(KafkaTransaction txn, TopicPartition tp, String key, String fingerprint, byte[] state) {
        int chunks = Math.max(1, (state.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        List<Record> records = new ArrayList<>(chunks + 1);
        for (int c = 0; c < chunks; c++) {
            int from = c * CHUNK_BYTES;
            int to = Math.min(state.length, from + CHUNK_BYTES);
            byte[] part = java.util.Arrays.copyOfRange(state, from, to);
            records.add(Record.of((key + "#" + c).getBytes(StandardCharsets.UTF_8), part));
        }
        CRC32C crc = new CRC32C();
        crc.update(state);
        byte[] fp = fingerprint.getBytes(StandardCharsets.UTF_8);
        ByteBuffer manifest = ByteBuffer.allocate(4 + 4 + 8 + 4 + fp.length);
        manifest.putInt(chunks).putInt(state.length).putLong(crc.getValue()).putInt(fp.length).put(fp);
        records.add(Record.of(key.getBytes(StandardCharsets.UTF_8), manifest.array()));
        txn.append(tp, records);
    }

    /**
     * The newest whole snapshot of task {@code key} for a query of {@code fingerprint}, read from
     * {@code tp} (committed records only), or empty when there is none (or it is of another query).
     */
    static Optional<byte[]> read(LogStore store, TopicPartition tp, String key, String fingerprint) {
        Map<String, byte[]> latest = new HashMap<>();
        long pos = store.logStartOffset(tp);
        long end = store.logEndOffset(tp);
        String prefix = key + "#";
        while (pos < end) {
            FetchResult f = store.read(tp, pos, 4 << 20);
            if (f.isEmpty()) {
                break;
            }
            for (RecordBatch b : f) {
                RecordCursor c = b.records();
                while (c.next()) {
                    if (c.keyLength() < 0) {
                        continue;
                    }
                    byte[] k = c.keyBytes();
                    String ks = new String(k, StandardCharsets.UTF_8);
                    if (ks.equals(key) || ks.startsWith(prefix)) {
                        if (c.isTombstone()) {
                            latest.remove(ks);
                        } else {
                            latest.put(ks, c.valueBytes());
                        }
                    }
                }
            }
            pos = Math.max(pos + 1, f.nextOffset());
        }
        byte[] m = latest.get(key);
        if (m == null) {
            return Optional.empty();
        }
        ByteBuffer manifest = ByteBuffer.wrap(m);
        int chunks = manifest.getInt();
        int length = manifest.getInt();
        long crc = manifest.getLong();
        byte[] fp = new byte[manifest.getInt()];
        manifest.get(fp);
        if (!fingerprint.equals(new String(fp, StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int c = 0; c < chunks; c++) {
            byte[] part = latest.get(prefix + c);
            if (part == null) {
                throw new IllegalStateException("the state of task " + key + " in " + tp + " lacks chunk " + c + " of "
                        + chunks);
            }
            out.writeBytes(part);
        }
        byte[] state = out.toByteArray();
        CRC32C check = new CRC32C();
        check.update(state);
        if (state.length != length || check.getValue() != crc) {
            throw new IllegalStateException("the state of task " + key + " in " + tp + " is damaged (length or CRC"
                    + " differs from its manifest)");
        }
        return Optional.of(state);
    }
}
