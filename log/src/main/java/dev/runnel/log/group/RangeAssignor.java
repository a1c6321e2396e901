package dev.runnel.log.group;

import dev.runnel.log.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Kafka's range assignment: per topic, the sorted partitions are cut into contiguous ranges handed to
 * the sorted members subscribed to that topic, the first {@code P mod M} members getting one extra.
 *
 * <p>With 6 partitions and members a, b, c: a gets 0–1, b gets 2–3, c gets 4–5; with 7, a gets 0–2.
 * Stateless and thread-safe.
 */
public final class RangeAssignor implements PartitionAssignor {
    public static final String NAME = "range";
    static final RangeAssignor INSTANCE = new RangeAssignor();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Set<TopicPartition>> assign(Map<String, Set<String>> subscriptions,
            Map<String, Integer> partitionCounts, Map<String, Set<TopicPartition>> previous) {
        Map<String, Set<TopicPartition>> out = new TreeMap<>();
        Map<String, List<String>> membersByTopic = new TreeMap<>();
        for (var e : new TreeMap<>(subscriptions).entrySet()) {
            out.put(e.getKey(), new TreeSet<>());
            for (String topic : e.getValue()) {
                membersByTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (var e : membersByTopic.entrySet()) {
            String topic = e.getKey();
            List<String> members = e.getValue(); // sorted: filled in member order
            int partitions = partitionCounts.getOrDefault(topic, 0);
            int perMember = partitions / members.size();
            int extra = partitions % members.size();
            for (int i = 0; i < members.size(); i++) {
                int start = i * perMember + Math.min(i, extra);
                int length = perMember + (i < extra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    out.get(members.get(i)).add(new TopicPartition(topic, p));
                }
            }
        }
        return out;
    }
}
