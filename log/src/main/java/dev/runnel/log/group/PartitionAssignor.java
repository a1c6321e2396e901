package dev.runnel.log.group;

import dev.runnel.log.GroupException;
import dev.runnel.log.TopicPartition;
import java.util.Map;
import java.util.Set;

/**
 * Decides which member of a consumer group reads which partition: a pure function of the members'
 * subscriptions, the topics' partition counts and (for sticky assignors) the previous assignment.
 *
 * <p>Every implementation returns an entry for every member (possibly empty), and its assignments are
 * disjoint and together cover every partition of every subscribed topic exactly once.
 * Implementations are stateless and thread-safe.
 */
public interface PartitionAssignor {

    /** The name members ask for in {@code ConsumerConfig.assignor}, e.g. {@code range}. */
    String name();

    /**
     * Computes a new assignment.
     *
     * @param subscriptions   member id to the topics it subscribes to
     * @param partitionCounts topic to its number of partitions, for every subscribed topic (a topic
     *                        missing here, or with 0, has nothing to assign)
     * @param previous        member id to the partitions it owned before this rebalance (members
     *                        that left are absent); assignors that are not sticky ignore it
     * @return member id to its new partitions, with an entry for every member in {@code subscriptions}
     */
    Map<String, Set<TopicPartition>> assign(Map<String, Set<String>> subscriptions, Map<String, Integer> partitionCounts,
            Map<String, Set<TopicPartition>> previous);

    /**
     * The assignor with this name.
     *
     * @throws GroupException for a name other than {@code range} or {@code sticky}
     */
    static PartitionAssignor named(String name) {
        if (RangeAssignor.NAME.equals(name)) {
            return RangeAssignor.INSTANCE;
        }
        if (StickyAssignor.NAME.equals(name)) {
            return StickyAssignor.INSTANCE;
        }
        throw new GroupException("unknown partition assignor '" + name + "': use range or sticky");
    }
}
