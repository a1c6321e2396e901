package dev.runnel.log.group;

import dev.runnel.log.TopicPartition;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Balanced assignment that moves as few partitions as it can: each member keeps the partitions it
 * owned before, up to its quota, and the partitions left over go one by one (in order) to the
 * least-loaded member subscribed to their topic, ties broken by member id.
 *
 * <p>The quota is {@code ceil(P/M)} for P partitions (over all subscribed topics) and M members, but
 * only {@code P mod M} members may keep that many; the others keep at most {@code floor(P/M)}.
 * Without that cap a new member could get nothing (6 partitions held 2–2–2 would stay 2–2–2–0 when a
 * fourth member joins); with it the result is 2–2–1–1. Members claim the extra slot in member-id
 * order. Partitions of topics a member no longer subscribes to, or that no longer exist, are never
 * kept. Stateless and thread-safe.
 */
public final class StickyAssignor implements PartitionAssignor {
    public static final String NAME = "sticky";
    static final StickyAssignor INSTANCE = new StickyAssignor();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Set<TopicPartition>> assign(Map<String, Set<String>> subscriptions,
            Map<String, Integer> partitionCounts, Map<String, Set<TopicPartition>> previous) {
        Map<String, Set<TopicPartition>> out = new TreeMap<>();
        for (String member : subscriptions.keySet()) {
            out.put(member, new TreeSet<>());
        }
        if (out.isEmpty()) {
            return out;
        }
        SortedSet<TopicPartition> unassigned = allPartitions(subscriptions, partitionCounts);
        int floor = unassigned.size() / out.size();
        int extraSlots = unassigned.size() % out.size();
        for (var e : out.entrySet()) {
            String member = e.getKey();
            Set<TopicPartition> kept = e.getValue();
            int quota = floor + (extraSlots > 0 ? 1 : 0);
            Set<String> topics = subscriptions.get(member);
            for (TopicPartition tp : new TreeSet<>(previous.getOrDefault(member, Set.of()))) {
                if (kept.size() < quota && topics.contains(tp.topic()) && unassigned.remove(tp)) {
                    kept.add(tp);
                }
            }
            if (kept.size() > floor) {
                extraSlots--;
            }
        }
        for (TopicPartition tp : unassigned) {
            out.get(leastLoaded(out, subscriptions, tp.topic())).add(tp);
        }
        return out;
    }

    private static SortedSet<TopicPartition> allPartitions(Map<String, Set<String>> subscriptions,
            Map<String, Integer> partitionCounts) {
        SortedSet<TopicPartition> all = new TreeSet<>();
        for (Set<String> topics : subscriptions.values()) {
            for (String topic : topics) {
                int n = partitionCounts.getOrDefault(topic, 0);
                for (int p = 0; p < n; p++) {
                    all.add(new TopicPartition(topic, p));
                }
            }
        }
        return all;
    }

    /** The subscribed member with the fewest partitions; {@code out} is sorted, so ties go to the lowest id. */
    private static String leastLoaded(Map<String, Set<TopicPartition>> out, Map<String, Set<String>> subscriptions,
            String topic) {
        String best = null;
        for (var e : out.entrySet()) {
            if (subscriptions.get(e.getKey()).contains(topic)
                    && (best == null || e.getValue().size() < out.get(best).size())) {
                best = e.getKey();
            }
        }
        return best; // non-null: the partition's topic comes from some member's subscription
    }
}
