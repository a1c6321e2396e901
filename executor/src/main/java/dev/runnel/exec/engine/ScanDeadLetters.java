package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.TopicSettings;
import dev.runnel.exec.format.DeadLetter;
import dev.runnel.exec.sink.DeadLetterWriter;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import dev.runnel.planner.catalog.RelationDef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where records that a job or a view meets in a relation's topic and cannot decode go: records
 * written into the topic by another client (a Kafka producer, {@code runnel-log produce}), which
 * never passed Runnel's own ingestion (COPY and INSERT check their rows before they append them,
 * and send bad ones to the dead-letter topic then). Each such record is appended once to the
 * relation's dead-letter topic, with its reason and its source {@code topic-partition@offset}, however
 * many jobs and views read it and however often they read it again after a restart: the
 * offsets already recorded are read back from the dead-letter topic the first time a partition
 * meets a bad record, and remembered. Pull queries do not write here (a read does not write);
 * they skip and warn. In a cluster two processes meeting one record at the same moment may both
 * record it. Thread-safe.
 */
final class ScanDeadLetters implements Consumer<DeadLetter> {
    private static final System.Logger LOG = System.getLogger(ScanDeadLetters.class.getName());

    private final LogStore store;
    private final Function<String, Optional<RelationDef>> relationOfTopic;
    /** Per source partition, the offsets whose records are in its relation's dead-letter topic. */
    private final Map<TopicPartition, Set<Long>> recorded = new HashMap<>();
    /** Dead-letter topics already read back into {@link #recorded}. */
    private final Set<String> loaded = new HashSet<>();
    private long written;

    ScanDeadLetters(LogStore store, Function<String, Optional<RelationDef>> relationOfTopic) {
        this.store = store;
        this.relationOfTopic = relationOfTopic;
    }

    @Override
    public synchronized void accept(DeadLetter letter) {
        Source source = Source.parse(letter.source());
        if (source == null) {
            return; // not from a scan of a topic
        }
        Optional<RelationDef> relation = relationOfTopic.apply(source.tp().topic());
        if (relation.isEmpty()) {
            return; // the relation was dropped meanwhile
        }
        DeadLetterWriter writer = new DeadLetterWriter(store, relation.get());
        if (loaded.add(writer.topic())) {
            readBack(writer.topic());
        }
        Set<Long> offsets = recorded.computeIfAbsent(source.tp(), k -> new HashSet<>());
        if (offsets.contains(source.offset())) {
            return;
        }
        try {
            writer.add(letter);
            writer.flush();
            offsets.add(source.offset());
            written++;
        } catch (RuntimeException e) {
            // the reader goes on (the record is skipped and counted either way); a later reader retries
            LOG.log(System.Logger.Level.WARNING, "cannot record the undecodable record " + letter.source()
                    + " in " + writer.topic() + ": " + e.getMessage());
        }
    }

    /** Entries this engine appended so far. */
    synchronized long written() {
        return written;
    }

    /** Remembers the scan sources recorded in dead-letter topic {@code dlq}. */
    private void readBack(String dlq) {
        if (!store.topicExists(dlq)) {
            return;
        }
        store.forEachRecord(new TopicPartition(dlq, 0), c -> {
            if (!c.isTombstone()) {
                Source source;
                try {
                    source = Source.parse(DeadLetter.fromJson(c.valueBytes()).source());
                } catch (RuntimeException e) {
                    return true; // an entry written by another tool
                }
                if (source != null) { // else a file's row (COPY)
                    recorded.computeIfAbsent(source.tp(), k -> new HashSet<>()).add(source.offset());
                }
            }
            return true;
        });
    }

    /** Where a scan met a record: {@code topic-partition@offset}. */
    private record Source(TopicPartition tp, long offset) {
        /** The source a scan wrote, or null for another kind (a file's {@code name:line}). */
        static Source parse(String source) {
            int at = source.lastIndexOf('@');
            int dash = at < 0 ? -1 : source.lastIndexOf('-', at);
            if (dash <= 0) {
                return null;
            }
            try {
                return new Source(new TopicPartition(source.substring(0, dash),
                        Integer.parseInt(source.substring(dash + 1, at))), Long.parseLong(source.substring(at + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The relation whose topic is {@code topic} in the engine's current catalog. */
    static Function<String, Optional<RelationDef>> byTopic(RunnelEngine engine) {
        return topic -> engine.catalog().all().stream().filter(r -> r.storage().topic().equals(topic)
                && !TopicSettings.deadLetterTopic(r).equals(topic)).findFirst();
    }
}
