package dev.runnel.log.kafka;

import dev.runnel.log.FetchResult;
import dev.runnel.log.StorageException;
import dev.runnel.log.TopicPartition;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Pooled Kafka consumers that serve {@link KafkaLogStore#read} and {@link KafkaLogStore#awaitData}:
 * each read borrows a consumer assigned to its partition (one whose position is the read's offset
 * if there is one, so sequential reads keep Kafka's prefetched data), seeks if needed, polls until
 * records come or the partition's end is reached, and gives the consumer back. Records a poll
 * brought beyond {@code maxBytes} wait in the consumer for the next read at their offset.
 *
 * <p>Thread-safe: a consumer is used by one thread at a time (borrowed under the pool's lock).
 */
final class PartitionReaders implements AutoCloseable {
    /** Idle readers kept per partition, and in all (beyond that a returned reader is closed). */
    private static final int IDLE_PER_PARTITION = 2;
    private static final int IDLE_TOTAL = 64;
    private static final long POLL_STEP_MS = 100;

    private final Properties base;
    private final KafkaLogStore store;
    private final long timeoutMs;
    private final Map<org.apache.kafka.common.TopicPartition, Deque<Reader>> idle = new HashMap<>();
    private final Deque<KafkaConsumer<byte[], byte[]>> idleWaiters = new ArrayDeque<>();
    private int idleCount;
    private boolean closed;

    /** One consumer assigned to one partition, with records fetched but not yet handed out. */
    private final class Reader {
        final org.apache.kafka.common.TopicPartition ktp;
        final KafkaConsumer<byte[], byte[]> consumer;
        final BatchEncoder encoder = new BatchEncoder();
        List<ConsumerRecord<byte[], byte[]>> pending = List.of();
        int index;
        long next = -1;

        Reader(org.apache.kafka.common.TopicPartition ktp) {
            this.ktp = ktp;
            this.consumer = new KafkaConsumer<>(base, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.assign(List.of(ktp));
        }
    }

    PartitionReaders(KafkaLogStore store, Properties clientProperties, long timeoutMs) {
        this.store = store;
        this.timeoutMs = timeoutMs;
        this.base = new Properties();
        base.putAll(clientProperties);
        base.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        base.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        base.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        base.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        base.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        base.put(ConsumerConfig.CLIENT_ID_CONFIG, "runnel-reader");
    }

    FetchResult read(TopicPartition tp, long offset, int maxBytes) {
        org.apache.kafka.common.TopicPartition ktp = store.kafka(tp);
        Reader r = borrow(ktp, offset);
        boolean healthy = false;
        try {
            FetchResult result = readWith(r, tp, offset, maxBytes);
            healthy = true;
            return result;
        } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
            throw store.outOfRange(tp, offset);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while reading " + tp, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "read " + tp + " at offset " + offset);
        } finally {
            giveBack(r, healthy);
        }
    }

    private FetchResult readWith(Reader r, TopicPartition tp, long offset, int maxBytes) {
        if (r.next != offset) {
            r.pending = List.of();
            r.index = 0;
            r.consumer.seek(r.ktp, offset);
            r.next = offset;
        }
        if (r.index >= r.pending.size()) {
            r.pending = List.of();
            r.index = 0;
            long deadline = System.currentTimeMillis() + timeoutMs;
            long checkedAt = -1; // the consumer position at the last check of the end
            while (r.pending.isEmpty()) {
                ConsumerRecords<byte[], byte[]> polled = r.consumer.poll(Duration.ofMillis(POLL_STEP_MS));
                List<ConsumerRecord<byte[], byte[]>> got = polled.records(r.ktp);
                if (!got.isEmpty()) {
                    r.pending = got;
                    break;
                }
                long at = r.consumer.position(r.ktp);
                if (at != checkedAt) { // the end, asked of the broker: a consumer's own view of it may be stale
                    checkedAt = at;
                    long end = store.logEndOffset(tp);
                    if (offset == end) {
                        return FetchResult.empty(tp, offset, -1, end);
                    }
                    if (offset < end && at >= end) {
                        // only aborted transactions (and their markers) lie between offset and the end
                        return FetchResult.empty(tp, offset, -1, end);
                    }
                    if (offset > end) {
                        throw store.outOfRange(tp, offset);
                    }
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new StorageException("no records from Kafka for " + tp + " at offset " + offset
                            + " within " + timeoutMs + " ms although the partition has data there");
                }
            }
        }
        long position = r.consumer.position(r.ktp);
        BatchEncoder.Encoded e = r.encoder.encode(r.pending, r.index, maxBytes, position);
        r.index += e.used();
        r.next = r.index < r.pending.size() ? r.pending.get(r.index).offset() : position;
        OptionalLong lag = r.consumer.currentLag(r.ktp);
        long end = lag.isPresent() ? position + lag.getAsLong() : -1;
        return new FetchResult(tp, offset, e.batches().asReadOnlyBuffer(), -1, end);
    }

    /**
     * Polls the partitions at the given positions until one returns a record (true) or the timeout
     * passes (false); the records are dropped, a read fetches them again.
     */
    boolean awaitData(Map<TopicPartition, Long> positions, long timeoutMs) throws InterruptedException {
        if (positions.isEmpty()) {
            Thread.sleep(timeoutMs);
            return false;
        }
        KafkaConsumer<byte[], byte[]> c = borrowWaiter();
        boolean healthy = false;
        try {
            List<org.apache.kafka.common.TopicPartition> ktps = new ArrayList<>();
            for (TopicPartition tp : positions.keySet()) {
                ktps.add(store.kafka(tp));
            }
            c.assign(ktps);
            for (var e : positions.entrySet()) {
                c.seek(store.kafka(e.getKey()), e.getValue());
            }
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    healthy = true;
                    return false;
                }
                if (!c.poll(Duration.ofMillis(Math.min(left, POLL_STEP_MS))).isEmpty()) {
                    healthy = true;
                    return true;
                }
            }
        } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
            healthy = true;
            return true; // the reader will see the new range
        } catch (InterruptException e) {
            throw new InterruptedException("interrupted while waiting for data");
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaErrors.map(e, "wait for data");
        } finally {
            synchronized (this) {
                if (healthy && !closed && idleWaiters.size() < 8) {
                    c.assign(List.of());
                    idleWaiters.push(c);
                } else {
                    c.close(Duration.ZERO);
                }
            }
        }
    }

    private synchronized Reader borrow(org.apache.kafka.common.TopicPartition ktp, long offset) {
        if (closed) {
            throw new StorageException("the Kafka log store is closed");
        }
        Deque<Reader> q = idle.get(ktp);
        if (q != null && !q.isEmpty()) {
            idleCount--;
            for (Reader r : q) {
                if (r.next == offset) {
                    q.remove(r);
                    return r;
                }
            }
            return q.pop();
        }
        return new Reader(ktp);
    }

    private void giveBack(Reader r, boolean healthy) {
        synchronized (this) {
            if (healthy && !closed) {
                Deque<Reader> q = idle.computeIfAbsent(r.ktp, k -> new ArrayDeque<>());
                if (q.size() < IDLE_PER_PARTITION && idleCount < IDLE_TOTAL) {
                    q.push(r);
                    idleCount++;
                    return;
                }
            }
        }
        r.consumer.close(Duration.ZERO);
    }

    private synchronized KafkaConsumer<byte[], byte[]> borrowWaiter() {
        if (closed) {
            throw new StorageException("the Kafka log store is closed");
        }
        KafkaConsumer<byte[], byte[]> c = idleWaiters.poll();
        if (c != null) {
            return c;
        }
        Properties p = new Properties();
        p.putAll(base);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1024");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "runnel-waiter");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Closes the idle readers of a topic (it was deleted). */
    void forget(String kafkaTopic) {
        List<Reader> drop = new ArrayList<>();
        synchronized (this) {
            idle.entrySet().removeIf(e -> {
                if (e.getKey().topic().equals(kafkaTopic)) {
                    drop.addAll(e.getValue());
                    idleCount -= e.getValue().size();
                    return true;
                }
                return false;
            });
        }
        drop.forEach(r -> r.consumer.close(Duration.ZERO));
    }

    @Override
    public void close() {
        List<Reader> drop = new ArrayList<>();
        List<KafkaConsumer<byte[], byte[]>> waiters;
        synchronized (this) {
            closed = true;
            idle.values().forEach(drop::addAll);
            idle.clear();
            idleCount = 0;
            waiters = new ArrayList<>(idleWaiters);
            idleWaiters.clear();
        }
        drop.forEach(r -> r.consumer.close(Duration.ZERO));
        waiters.forEach(c -> c.close(Duration.ZERO));
    }
}
