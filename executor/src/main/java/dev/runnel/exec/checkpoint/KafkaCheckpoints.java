package dev.runnel.exec.checkpoint;

import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoints kept in a compacted one-partition Kafka topic instead of files, so that whichever
 * process of a cluster runs a job next continues from its last checkpoint: checkpoint {@code s} is
 * its chunks ({@code s#0 … s#n-1}, at most {@value #CHUNK_BYTES} bytes each) followed by the record
 * {@code s} holding the chunk count — a checkpoint exists once that record does, and every chunk is
 * acknowledged by then (the store's appends wait for {@code acks=all}). Deleting writes tombstones.
 * The bytes are {@link CheckpointStore}'s layout, whose checksum catches anything torn.
 */
public final class KafkaCheckpoints implements CheckpointStore.Medium {
    static final int CHUNK_BYTES = 512 * 1024;

    private final KafkaLogStore store;
    private final String topic;
    private final TopicPartition tp;

    /** Checkpoints in internal topic {@code topic} (created compacted if absent). */
    public KafkaCheckpoints(KafkaLogStore store, String topic) {
        this.store = store;
        this.topic = topic;
        this.tp = new TopicPartition(topic, 0);
    }

    private void ensureTopic() {
        store.createInternalTopicIfAbsent(topic, TopicConfig.ofPartitions(1).with("cleanup.policy", "compact"));
    }

    @Override
    public void put(long sequence, byte[] bytes) {
        ensureTopic();
        int chunks = Math.max(1, (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        for (int c = 0; c < chunks; c++) {
            int from = c * CHUNK_BYTES;
            byte[] part = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + CHUNK_BYTES));
            store.append(tp, List.of(Record.of(key(sequence + "#" + c), part)));
        }
        store.append(tp, List.of(Record.of(key(Long.toString(sequence)), ByteBuffer.allocate(4).putInt(chunks)
                .array())));
    }

    @Override
    public byte[] get(long sequence) {
        Map<String, byte[]> all = readAll();
        byte[] head = all.get(Long.toString(sequence));
        if (head == null) {
            return null;
        }
        int chunks = ByteBuffer.wrap(head).getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c = 0; c < chunks; c++) {
            byte[] part = all.get(sequence + "#" + c);
            if (part == null) {
                return new byte[0]; // torn: the checksum check reports it
            }
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Override
    public List<Long> sequences() {
        List<Long> out = new ArrayList<>();
        for (String k : readAll().keySet()) {
            if (!k.contains("#")) {
                out.add(Long.parseLong(k));
            }
        }
        return out;
    }

    @Override
    public void delete(long sequence) {
        Map<String, byte[]> all = readAll();
        byte[] head = all.get(Long.toString(sequence));
        List<Record> tombstones = new ArrayList<>();
        tombstones.add(Record.of(key(Long.toString(sequence)), null)); // the checkpoint is gone first
        int chunks = head == null ? 0 : ByteBuffer.wrap(head).getInt();
        for (int c = 0; c < chunks; c++) {
            tombstones.add(Record.of(key(sequence + "#" + c), null));
        }
        store.append(tp, tombstones);
    }

    @Override
    public void deleteAll() {
        store.deleteInternalTopic(topic);
    }

    @Override
    public String name(long sequence) {
        return sequence + " in topic " + topic;
    }

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    /** The newest value of every key (tombstones remove). */
    private Map<String, byte[]> readAll() {
        Map<String, byte[]> latest = new HashMap<>();
        if (!store.topicExists(topic)) {
            return latest;
        }
        store.forEachRecord(tp, c -> {
            if (c.keyLength() >= 0) {
                String k = new String(c.keyBytes(), StandardCharsets.UTF_8);
                if (c.isTombstone()) {
                    latest.remove(k);
                } else {
                    latest.put(k, c.valueBytes());
                }
            }
            return true;
        });
        return latest;
    }
}
