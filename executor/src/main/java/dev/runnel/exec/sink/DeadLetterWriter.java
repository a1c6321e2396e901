package dev.runnel.exec.sink;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicExistsException;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.RelationDef;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends {@link DeadLetter}s to a relation's dead-letter topic (see {@link DeadLetter} for the
 * record layout), creating the topic on the first entry. Entries are buffered by {@link #add} and
 * appended as one batch by {@link #flush}, so the writer of good rows can flush dead letters with
 * each of its batches. Not thread-safe.
 */
public final class DeadLetterWriter {
    private final LogStore store;
    private final RelationDef relation;
    private final TopicPartition partition;
    private final List<Record> pending = new ArrayList<>();
    private long written;

    public DeadLetterWriter(LogStore store, RelationDef relation) {
        this.store = store;
        this.relation = relation;
        this.partition = new TopicPartition(TopicSettings.deadLetterTopic(relation), 0);
    }

    public String topic() {
        return partition.topic();
    }

    public void add(DeadLetter entry) {
        pending.add(Record.of(null, entry.toJson()));
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Appends what was added since the last flush; returns how many entries that was. */
    public int flush() {
        if (pending.isEmpty()) {
            return 0;
        }
        ensureTopic();
        int n = pending.size();
        store.append(partition, pending);
        pending.clear();
        written += n;
        return n;
    }

    /** Drops what was added since the last flush (a resumed COPY whose entries are already there). */
    public void discardPending() {
        pending.clear();
    }

    /** Entries appended by this writer. */
    public long written() {
        return written;
    }

    /** The end offset of the dead-letter topic, or 0 if it does not exist yet. */
    public long endOffset() {
        return store.topicExists(partition.topic()) ? store.logEndOffset(partition) : 0;
    }

    private void ensureTopic() {
        if (!store.topicExists(partition.topic())) {
            try {
                store.createTopic(partition.topic(), TopicSettings.forDeadLetters(relation));
            } catch (TopicExistsException e) {
                // a concurrent writer made it
            }
        }
    }
}
