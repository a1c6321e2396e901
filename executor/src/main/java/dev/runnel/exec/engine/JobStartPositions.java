package dev.runnel.exec.engine;

import dev.runnel.exec.source.StartPositions;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.physical.ScanNode;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Where a persistent job starts reading a partition it has no checkpoint for: at its group's
 * committed offset, else at the job's {@code scan.start} (or a scan's own start hint), which is
 * committed at once, so a job that restarts before its first checkpoint does not move a
 * {@code latest} start. Partitions of the topics {@code internal} names (a repartition topic
 * between a job's tasks) start at the committed offset or the beginning, whatever the job's start.
 */
final class JobStartPositions implements StartPositions {
    private final ConsumerGroups groups;
    private final String group;
    private final StartPositions base;
    private final Predicate<String> internal;

    JobStartPositions(LogStore log, String group, ScanStart start, Predicate<String> internal) {
        this.groups = log.groups();
        this.group = group;
        this.base = StartPositions.of(log, start);
        this.internal = internal;
    }

    @Override
    public long start(TopicPartition tp, long logStart, long logEnd) {
        return first(tp, logStart, logEnd, internal.test(tp.topic()) ? logStart : base.start(tp, logStart, logEnd));
    }

    @Override
    public long start(ScanNode scan, TopicPartition tp, long logStart, long logEnd) {
        return first(tp, logStart, logEnd, internal.test(tp.topic()) ? logStart
                : base.start(scan, tp, logStart, logEnd));
    }

    /** The committed offset; else {@code initial}, committed at once. */
    private long first(TopicPartition tp, long logStart, long logEnd, long initial) {
        OptionalLong committed = groups.committed(group, tp);
        if (committed.isPresent()) {
            return committed.getAsLong();
        }
        long at = Math.max(logStart, Math.min(logEnd, initial));
        groups.commit(group, null, -1, Map.of(tp, at));
        return at;
    }
}
