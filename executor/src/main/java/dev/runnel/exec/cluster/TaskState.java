package dev.runnel.exec.cluster;

import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaTransaction;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A task's checkpointed state in its view's compacted state topic. Snapshots are written
 * incrementally ({@link StateChunks}: content-defined chunks keyed by their hash and a manifest
 * listing them). This class keeps the <b>first layout</b>, which a restart over an existing topic
 * still reads: the snapshot cut in chunks of at most {@value #CHUNK_BYTES} bytes (records
 * {@code key#0 … key#n-1}) followed by a manifest record {@code key} (int chunk count ≥ 1, int
 * total length, long CRC-32C, int n and n bytes of the fingerprint of the query it belongs to).
 */
final class TaskState {
    static final int CHUNK_BYTES = 512 * 1024;

    private TaskState() {}

    /** Adds the snapshot {@code state} of task {@code key} to {@code txn} in the first layout (tests of reading it). */
    static void write(KafkaTransaction txn, TopicPartition tp, String key, String fingerprint, byte[] state) {
        txn.append(tp, firstLayout(key, fingerprint, state));
    }

    /** The records of snapshot {@code state} of task {@code key} in the first layout. */
    static List<Record> firstLayout(String key, String fingerprint, byte[] state) {
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
        return records;
    }

    /**
     * The newest whole snapshot of task {@code key} for a query of {@code fingerprint}, read from
     * {@code tp} (committed records only, either layout), or empty when there is none (or it is of
     * another query).
     */
    static Optional<byte[]> read(LogStore store, TopicPartition tp, String key, String fingerprint) {
        return Optional.ofNullable(StateMirror.read(store, tp, key, fingerprint).state());
    }

    /** The snapshot a first-layout manifest (read past its chunk count {@code chunks}) lists, or null for another query. */
    static byte[] assembleFirstLayout(TopicPartition tp, String key, String fingerprint, int chunks,
            ByteBuffer manifest, Map<String, byte[]> latest) {
        int length = manifest.getInt();
        long crc = manifest.getLong();
        byte[] fp = new byte[manifest.getInt()];
        manifest.get(fp);
        if (!fingerprint.equals(new String(fp, StandardCharsets.UTF_8))) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        for (int c = 0; c < chunks; c++) {
            byte[] part = latest.get(key + "#" + c);
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
        return state;
    }
}
