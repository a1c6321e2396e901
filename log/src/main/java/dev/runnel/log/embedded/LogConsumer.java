package dev.runnel.log.embedded;

import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.FetchResult;
import dev.runnel.log.GroupException;
import dev.runnel.log.InvalidConfigException;
import dev.runnel.log.LogException;
import dev.runnel.log.OffsetOutOfRangeException;
import dev.runnel.log.OffsetReset;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The embedded store's {@link Consumer}: positions per partition, fetches whole batches, waits on
 * the store's data signal, and for a group member joins, heartbeats and follows rebalances (rejoining
 * as a new member if its session expired).
 * Not thread-safe.
 */
final class LogConsumer implements Consumer {
    private final EmbeddedLogStore store;
    private final ConsumerConfig config;
    /** Assigned partitions and their positions (next offset to read), in a stable order. */
    private final Map<TopicPartition, Long> positions = new TreeMap<>();
    private String memberId;
    private int generation = -1;
    private Set<String> subscription;
    private int nextPartition;
    private boolean closed;

    LogConsumer(EmbeddedLogStore store, ConsumerConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        ensureOpen();
        if (subscription != null) {
            throw new InvalidConfigException("this consumer subscribed to a group; it cannot also assign partitions");
        }
        positions.keySet().retainAll(partitions);
        for (TopicPartition tp : partitions) {
            store.partition(tp);
            positions.computeIfAbsent(tp, this::initialPosition);
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        ensureOpen();
        if (config.groupId() == null) {
            throw new InvalidConfigException("subscribe needs a group id in the consumer config");
        }
        for (String t : topics) {
            store.topic(t);
        }
        subscription = Set.copyOf(topics);
        if (memberId == null) {
            apply(joinAsNewMember());
            return;
        }
        try {
            apply(store.groups().join(config.groupId(), memberId, subscription, config.assignor(),
                    config.sessionTimeoutMs()));
        } catch (GroupException e) {
            apply(rejoin());
        }
    }

    private ConsumerGroups.Membership joinAsNewMember() {
        return store.groups().join(config.groupId(), null, subscription, config.assignor(), config.sessionTimeoutMs());
    }

    /** Heartbeats; if the group no longer knows this member (its session expired), rejoins as a new one. */
    private ConsumerGroups.Membership heartbeatOrRejoin() {
        try {
            return store.groups().heartbeat(config.groupId(), memberId);
        } catch (GroupException e) {
            return rejoin();
        }
    }

    /**
     * Starts over as a new member. Our partitions went to others, who may have read and committed
     * past our positions, so forget every position and restart from the committed offsets.
     */
    private ConsumerGroups.Membership rejoin() {
        positions.clear();
        memberId = null;
        generation = -1;
        return joinAsNewMember();
    }

    private void apply(ConsumerGroups.Membership m) {
        memberId = m.memberId();
        generation = m.generation();
        positions.keySet().retainAll(m.assignment());
        for (TopicPartition tp : m.assignment()) {
            positions.computeIfAbsent(tp, this::initialPosition);
        }
    }

    /** Committed offset of the group if any, else per the reset policy. */
    private long initialPosition(TopicPartition tp) {
        if (config.groupId() != null) {
            OptionalLong c = store.groups().committed(config.groupId(), tp);
            if (c.isPresent()) {
                long start = store.logStartOffset(tp);
                long end = store.logEndOffset(tp);
                if (c.getAsLong() >= start && c.getAsLong() <= end) {
                    return c.getAsLong();
                }
            }
        }
        return reset(tp, null);
    }

    private long reset(TopicPartition tp, OffsetOutOfRangeException cause) {
        return switch (config.offsetReset()) {
            case EARLIEST -> store.logStartOffset(tp);
            case LATEST -> store.logEndOffset(tp);
            case NONE -> {
                if (cause != null) {
                    throw cause;
                }
                throw new OffsetOutOfRangeException(tp, -1, store.logStartOffset(tp), store.logEndOffset(tp));
            }
        };
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(positions.keySet());
    }

    @Override
    public List<FetchResult> poll(Duration timeout) {
        ensureOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (subscription != null) {
                apply(heartbeatOrRejoin());
            }
            List<FetchResult> out = fetchOnce();
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!out.isEmpty() || left <= 0) {
                return out;
            }
            try {
                // with a group, wake at least every second to heartbeat and notice rebalances
                long wait = subscription == null ? left : Math.min(left, 1000);
                store.awaitData(new HashMap<>(positions), wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("INTERRUPTED", "poll was interrupted");
            }
        }
    }

    /** One fetch from each partition with data, starting after the last partition served (fairness). */
    private List<FetchResult> fetchOnce() {
        List<TopicPartition> order = new ArrayList<>(positions.keySet());
        List<FetchResult> out = new ArrayList<>();
        int n = order.size();
        for (int i = 0; i < n; i++) {
            TopicPartition tp = order.get((nextPartition + i) % n);
            long pos = positions.get(tp);
            FetchResult r;
            try {
                if (pos >= store.logEndOffset(tp)) {
                    continue;
                }
                r = store.read(tp, pos, config.maxFetchBytes());
            } catch (OffsetOutOfRangeException e) {
                positions.put(tp, reset(tp, e));
                continue;
            } catch (UnknownTopicException e) {
                positions.remove(tp);
                continue;
            }
            if (!r.isEmpty()) {
                out.add(r);
                positions.put(tp, r.nextOffset());
            }
        }
        nextPartition = n == 0 ? 0 : (nextPartition + 1) % n;
        return out;
    }

    @Override
    public long position(TopicPartition tp) {
        Long p = positions.get(tp);
        if (p == null) {
            throw new InvalidConfigException(tp + " is not assigned to this consumer");
        }
        return p;
    }

    @Override
    public void seek(TopicPartition tp, long offset) {
        position(tp);
        long start = store.logStartOffset(tp);
        long end = store.logEndOffset(tp);
        if (offset < start || offset > end) {
            throw new OffsetOutOfRangeException(tp, offset, start, end);
        }
        positions.put(tp, offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            position(tp);
            positions.put(tp, store.logStartOffset(tp));
        }
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            position(tp);
            positions.put(tp, store.logEndOffset(tp));
        }
    }

    @Override
    public void seekToTimestamp(Collection<TopicPartition> partitions, long timestamp) {
        for (TopicPartition tp : partitions) {
            position(tp);
            OptionalLong o = store.offsetForTimestamp(tp, timestamp);
            positions.put(tp, o.isPresent() ? o.getAsLong() : store.logEndOffset(tp));
        }
    }

    @Override
    public void commitSync() {
        commitSync(new LinkedHashMap<>(positions));
    }

    @Override
    public void commitSync(Map<TopicPartition, Long> offsets) {
        ensureOpen();
        if (config.groupId() == null) {
            throw new GroupException("commit needs a group id in the consumer config");
        }
        store.groups().commit(config.groupId(), memberId, generation, offsets);
    }

    @Override
    public OptionalLong committed(TopicPartition tp) {
        if (config.groupId() == null) {
            return OptionalLong.empty();
        }
        return store.groups().committed(config.groupId(), tp);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscription != null && memberId != null) {
            try {
                store.groups().leave(config.groupId(), memberId);
            } catch (LogException e) {
                // the member may already have expired; leaving is best effort
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogException("CONSUMER_CLOSED", "this consumer is closed");
        }
    }

    OffsetReset offsetReset() {
        return config.offsetReset();
    }
}
