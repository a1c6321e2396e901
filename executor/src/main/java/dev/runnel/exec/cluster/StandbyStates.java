package dev.runnel.exec.cluster;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Warm copies of other processes' task state: for each task this process is a <b>standby</b> of,
 * a {@link StateMirror} of the task's state partition, followed continuously on a thread of its
 * own (every {@value #FOLLOW_MILLIS} ms), so that when Kafka gives this process the task it reads
 * only the state records appended since. The standbys of task {@code i} are the {@code replicas}
 * members of the view's group with the highest rendezvous score {@code h(member id, i)} among all
 * but the task's holder — every process computes the same choice from the group's description
 * (refreshed every {@value #REFRESH_MILLIS} ms), and SHOW CLUSTER shows it. Kafka, not Runnel,
 * assigns tasks, so a standby is a best-effort cache and never needed for correctness: the task
 * taking over fences the old holder first, then reads the partition's tail into the copy. Thread-safe.
 */
final class StandbyStates implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StandbyStates.class.getName());
    static final long FOLLOW_MILLIS = 500;
    static final long REFRESH_MILLIS = 2_000;

    private final KafkaLogStore store;
    private final ClusterPlan plan;
    private final int replicas;
    private final Supplier<String> memberId;
    private final IntPredicate runsHere;
    /** Mirrors by task number. */
    private final Map<Integer, StateMirror> following = new TreeMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private final Object wake = new Object();

    StandbyStates(KafkaLogStore store, ClusterPlan plan, int replicas, Supplier<String> memberId,
            IntPredicate runsHere) {
        this.store = store;
        this.plan = plan;
        this.replicas = replicas;
        this.memberId = memberId;
        this.runsHere = runsHere;
        this.thread = new Thread(this::loop, "runnel-standby-" + plan.view());
        thread.setDaemon(true);
        if (replicas > 0) {
            thread.start();
        }
    }

    /**
     * The standby tasks of each member of a view's group ({@code members}: their ids and held task
     * numbers) for {@code tasks} tasks with {@code replicas} standbys each: member id → task numbers.
     */
    static Map<String, Set<Integer>> choose(Map<String, Set<Integer>> members, int tasks, int replicas) {
        Map<String, Set<Integer>> out = new TreeMap<>();
        if (replicas <= 0) {
            return out;
        }
        for (int i = 0; i < tasks; i++) {
            final int task = i;
            List<String> candidates = new ArrayList<>();
            members.forEach((m, held) -> {
                if (!held.contains(task)) {
                    candidates.add(m);
                }
            });
            candidates.sort(Comparator.comparingLong((String m) -> score(m, task)).reversed()
                    .thenComparing(Comparator.naturalOrder()));
            for (String m : candidates.subList(0, Math.min(replicas, candidates.size()))) {
                out.computeIfAbsent(m, k -> new TreeSet<>()).add(task);
            }
        }
        return out;
    }

    /** The rendezvous score of member {@code member} for task {@code task}: FNV-1a, then a 64-bit finalizer. */
    static long score(String member, int task) {
        long h = 0xcbf29ce484222325L;
        for (byte b : member.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= task * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The members of the view's group and the tasks each holds, as Kafka describes it now. */
    static Map<String, Set<Integer>> members(KafkaLogStore store, String view) {
        Map<String, Set<Integer>> out = new TreeMap<>();
        ConsumerGroups groups = store.groups();
        String group = ViewTasks.group(view);
        try {
            if (!groups.listGroups().contains(group)) {
                return out;
            }
            for (ConsumerGroups.MemberInfo m : groups.describe(group).members()) {
                Set<Integer> held = new TreeSet<>();
                for (TopicPartition tp : m.assignment()) {
                    held.add(tp.partition());
                }
                out.put(m.memberId(), held);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot describe " + group + ": " + e);
        }
        return out;
    }

    /**
     * Hands the copy of task {@code i}'s state partition to the task starting here (this process no
     * longer follows it), or null when this process is not its standby.
     */
    synchronized StateMirror take(int i) {
        return following.remove(i);
    }

    /** The task numbers this process is a standby of now. */
    synchronized Set<Integer> tasks() {
        return Set.copyOf(following.keySet());
    }

    /** Bytes of state held by the standby copies. */
    synchronized long heldBytes() {
        long n = 0;
        for (StateMirror m : following.values()) {
            n += m.heldBytes();
        }
        return n;
    }

    private void loop() {
        long refreshed = 0;
        while (!closed) {
            try {
                long now = System.currentTimeMillis();
                if (now - refreshed >= REFRESH_MILLIS) {
                    refresh();
                    refreshed = now;
                }
                List<StateMirror> mirrors;
                synchronized (this) {
                    mirrors = new ArrayList<>(following.values());
                }
                for (StateMirror m : mirrors) {
                    if (closed) {
                        return;
                    }
                    m.catchUp(store);
                }
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.DEBUG, "standby of " + plan.view() + ": " + e);
            }
            synchronized (wake) {
                try {
                    if (!closed) {
                        wake.wait(FOLLOW_MILLIS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Follows the tasks this process is a standby of now and lets go of the others. */
    private void refresh() {
        String me = memberId.get();
        if (me == null) {
            return; // not in the group yet
        }
        Set<Integer> want = new TreeSet<>(choose(members(store, plan.view()), plan.tasks(), replicas)
                .getOrDefault(me, Set.of()));
        want.removeIf(runsHere::test);
        synchronized (this) {
            following.keySet().retainAll(want);
            for (int i : want) {
                following.computeIfAbsent(i, k -> new StateMirror(new TopicPartition(plan.stateTopic(), k)));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll(); // not an interrupt: that could break a Kafka read the store's readers share
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            following.clear();
        }
    }
}
