package dev.runnel.log.kafka;

import dev.runnel.log.StorageException;
import dev.runnel.log.TopicPartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Membership of a Kafka consumer group without consuming: a consumer subscribes to topics of the
 * store's namespace, keeps every partition it is assigned paused (its polls return no records but
 * keep it a live member) and tells a {@link Listener} which partitions it gained and lost. Kafka
 * decides who gets what (cooperative sticky assignment: a rebalance moves only the partitions that
 * must move) and notices a member that died after {@code sessionTimeoutMs}. This is how the engine
 * shares work between processes: a partition is a task, its member runs it.
 *
 * <p>The listener runs on the membership's own thread, in Kafka's rebalance callbacks: a revoke
 * returns only once the listener returned, so a task stopped there has finished (committed or
 * abandoned its work) before another member is given it. {@link Listener#lost} is called instead
 * when the member learns it was already thrown out (its tasks may run elsewhere: do not commit).
 * Thread-safe.
 */
public final class KafkaMembership implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaMembership.class.getName());

    /** Told of assignment changes, on the membership's thread. */
    public interface Listener {
        void assigned(Collection<TopicPartition> partitions);

        void revoked(Collection<TopicPartition> partitions);

        /** The member was dropped from the group (it missed its session): stop without committing. */
        default void lost(Collection<TopicPartition> partitions) {
            revoked(partitions);
        }
    }

    private final KafkaLogStore store;
    private final String group;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Listener listener;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Set<TopicPartition> assignment = new TreeSet<>(
            (a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                    : a.topic().compareTo(b.topic()));
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private volatile String memberId;

    private KafkaMembership(KafkaLogStore store, String group, Collection<String> topics, String memberInfo,
            long sessionTimeoutMs, Listener listener) {
        this.store = store;
        this.group = group;
        this.listener = listener;
        Properties p = new Properties();
        p.putAll(store.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, store.kafkaGroup(group));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, memberInfo);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeoutMs));
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, sessionTimeoutMs / 4)));
        // the rebalance timeout: how long a rebalance waits for a member that died amid it
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(Math.max(10_000, 2 * sessionTimeoutMs)));
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<String> kafkaTopics = new ArrayList<>();
        for (String t : topics) {
            kafkaTopics.add(store.kafkaName(t));
        }
        consumer.subscribe(kafkaTopics, new Rebalance());
        this.thread = new Thread(this::run, "runnel-membership-" + group);
        thread.setDaemon(true);
    }

    /**
     * Joins {@code group} (a Runnel group name: the store's namespace goes in front) as a member
     * over {@code topics}; {@code memberInfo} is the member's client id, shown by Kafka's group
     * tools and {@link KafkaConsumerGroups} (e.g. host, pid and port of the process).
     */
    public static KafkaMembership join(KafkaLogStore store, String group, Collection<String> topics,
            String memberInfo, long sessionTimeoutMs, Listener listener) {
        KafkaMembership m = new KafkaMembership(store, group, topics, memberInfo, sessionTimeoutMs, listener);
        m.thread.start();
        return m;
    }

    public String group() {
        return group;
    }

    /** The partitions this member holds now. */
    public synchronized Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    /** This member's id in the group as Kafka describes it (client id, a dash, a UUID), or null before it joined. */
    public String memberId() {
        return memberId;
    }

    /** Why the membership ended on its own, or null. */
    public RuntimeException failure() {
        return failure;
    }

    private void run() {
        try {
            while (!closing) {
                consumer.poll(Duration.ofMillis(200)); // paused: no records, just the group's heartbeat and callbacks
                String id = consumer.groupMetadata().memberId();
                memberId = id == null || id.isEmpty() ? null : id;
            }
        } catch (WakeupException e) {
            // close
        } catch (RuntimeException e) {
            if (!closing) {
                failure = e;
                LOG.log(System.Logger.Level.WARNING, "membership of group " + group + " ended: " + e);
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10)); // leaves the group: revokes (listener runs) first
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing membership of " + group + ": " + e);
            }
            stopped.countDown();
        }
    }

    private List<TopicPartition> runnel(Collection<org.apache.kafka.common.TopicPartition> parts) {
        List<TopicPartition> out = new ArrayList<>();
        for (org.apache.kafka.common.TopicPartition p : parts) {
            String t = store.runnelName(p.topic());
            if (t != null) {
                out.add(new TopicPartition(t, p.partition()));
            }
        }
        return out;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<org.apache.kafka.common.TopicPartition> parts) {
            consumer.pause(parts);
            if (parts.isEmpty()) {
                return;
            }
            List<TopicPartition> got = runnel(parts);
            synchronized (KafkaMembership.this) {
                assignment.addAll(got);
            }
            listener.assigned(got);
        }

        @Override
        public void onPartitionsRevoked(Collection<org.apache.kafka.common.TopicPartition> parts) {
            if (parts.isEmpty()) {
                return;
            }
            List<TopicPartition> gone = runnel(parts);
            synchronized (KafkaMembership.this) {
                gone.forEach(assignment::remove);
            }
            listener.revoked(gone);
        }

        @Override
        public void onPartitionsLost(Collection<org.apache.kafka.common.TopicPartition> parts) {
            if (parts.isEmpty()) {
                return;
            }
            List<TopicPartition> gone = runnel(parts);
            synchronized (KafkaMembership.this) {
                gone.forEach(assignment::remove);
            }
            listener.lost(gone);
        }
    }

    /** Leaves the group (the listener hears of the revoke first) and stops the thread. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            if (!stopped.await(15, TimeUnit.SECONDS)) {
                throw new StorageException("membership of group " + group + " did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
