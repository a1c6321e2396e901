package dev.runnel.log.kafka;

import dev.runnel.log.LogException;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import dev.runnel.log.RecordTooLargeException;
import dev.runnel.log.TopicPartition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A transactional writer: appends to any topics of the store and consumer-group offsets, made
 * visible together by {@link #commit} or not at all (readers of the store read committed data
 * only). Opening it with a transactional id fences every earlier writer of that id — a process
 * that took a task over stops the one that held it before, whose open transaction is aborted — so
 * a task's output is written exactly once even when its old owner is still running somewhere.
 *
 * <p>Use: {@link #begin}, {@link #append}/{@link #commitOffsets} any number of times,
 * {@link #commit} (or {@link #abort}). Not thread-safe: one task's writer.
 */
public final class KafkaTransaction implements AutoCloseable {
    /** The writer was fenced by a newer one of its transactional id: its task runs elsewhere now. */
    public static final class FencedException extends LogException {
        public FencedException(String message, Throwable cause) {
            super("FENCED", message, cause);
        }
    }

    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    private final KafkaLogStore store;
    private final String id;
    private final KafkaProducer<byte[], byte[]> producer;
    private boolean open;

    private KafkaTransaction(KafkaLogStore store, String id) {
        this.store = store;
        this.id = id;
        Properties p = new Properties();
        p.putAll(store.clientProperties());
        p.remove("allow.auto.create.topics");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, store.kafkaGroup(id));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "runnel-txn-" + id);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_RECORD_BYTES + 4096));
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        long timeout = store.options().requestTimeoutMs();
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * timeout));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout));
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Opens the writer of transactional id {@code id} (the store's namespace goes in front), fencing
     * older writers of it and aborting their open transaction.
     */
    public static KafkaTransaction open(KafkaLogStore store, String id) {
        KafkaTransaction t = new KafkaTransaction(store, id);
        try {
            t.producer.initTransactions();
            return t;
        } catch (RuntimeException e) {
            t.producer.close(Duration.ZERO);
            throw KafkaErrors.map(e, "start the transactional writer " + id);
        }
    }

    public String id() {
        return id;
    }

    public void begin() {
        try {
            producer.beginTransaction();
            open = true;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        }
    }

    /** Sends records to one partition inside the transaction (visible at commit). */
    public void append(TopicPartition tp, List<Record> records) {
        String topic = store.kafkaName(tp.topic());
        long now = store.options().clock().millis();
        try {
            for (int i = 0; i < records.size(); i++) {
                Record r = records.get(i);
                if (r.approximateSize() > MAX_RECORD_BYTES) {
                    throw new RecordTooLargeException("record of about " + r.approximateSize()
                            + " bytes is larger than " + MAX_RECORD_BYTES + " bytes");
                }
                producer.send(RecordMapping.toKafka(topic, tp.partition(), r, now, ProducerTag.NONE, i));
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "append to " + tp + " in transaction " + id);
        }
    }

    /** Commits {@code offsets} (next offset to read) for {@code group} with the transaction. */
    public void commitOffsets(String group, Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> k = new HashMap<>();
        offsets.forEach((tp, o) -> k.put(store.kafka(tp), new OffsetAndMetadata(o)));
        try {
            producer.sendOffsetsToTransaction(k, new ConsumerGroupMetadata(store.kafkaGroup(group)));
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "commit offsets of " + group + " in transaction " + id);
        }
    }

    /** Makes everything of the transaction visible at once. */
    public void commit() {
        try {
            producer.commitTransaction();
            open = false;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            open = false;
            throw fenced(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            abortQuietly();
            throw KafkaErrors.map(e, "commit transaction " + id);
        }
    }

    public void abort() {
        if (!open) {
            return;
        }
        open = false;
        try {
            producer.abortTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "abort transaction " + id);
        }
    }

    private void abortQuietly() {
        try {
            abort();
        } catch (RuntimeException ignored) {
            // the commit's error is the one to report
        }
    }

    private FencedException fenced(RuntimeException e) {
        return new FencedException("transactional writer " + id + " was fenced: another process runs its task now", e);
    }

    /** Closes without committing (an open transaction is aborted by the broker or the next owner). */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
