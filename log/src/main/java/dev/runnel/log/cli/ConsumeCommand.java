package dev.runnel.log.cli;

import dev.runnel.log.Consumer;
import dev.runnel.log.ConsumerConfig;
import dev.runnel.log.FetchResult;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code consume TOPIC}: prints records as {@code partition offset timestamp key value}
 * (tab-separated; the timestamp is the event time in UTC), reading up to the end offsets seen at
 * start, or on and on with {@code --follow}. A payload batch prints as one line describing it.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = {"Prints records of a topic: partition, offset, event time, key and value, tab-separated.",
                "Starts at the group's committed offsets with --group, else at the beginning, unless a start "
                        + "option says otherwise. Stops at the end unless --follow is given.",
                "With --group, the offsets after the printed records are committed to the group."})
final class ConsumeCommand implements Runnable {
    private static final Duration FOLLOW_POLL = Duration.ofMillis(500);

    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--partition", paramLabel = "P", description = "Read only partition P (default: all).")
    Integer partition;

    @ArgGroup(exclusive = true)
    Start start;

    static final class Start {
        @Option(names = "--from-beginning", description = "Start at the log start offset.")
        boolean fromBeginning;

        @Option(names = "--offset", paramLabel = "N", description = "Start at offset N (needs --partition).")
        Long offset;

        @Option(names = "--from-time", paramLabel = "TIME",
                description = "Start at the first record with event time >= TIME: ISO-8601 such as "
                        + "2025-01-31T12:00:00Z, 2025-01-31T12:00 (UTC) or 2025-01-31, or epoch milliseconds.")
        String fromTime;
    }

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--group", paramLabel = "G", description = "Read as (and commit offsets for) consumer group G.")
    String group;

    @Option(names = "--follow", description = "Keep waiting for new records (Ctrl-C to stop). The store admits one process at a time, "
                    + "so while this runs other runnel-log commands cannot open the same --data-dir.")
    boolean follow;

    @Option(names = "--values-only", description = "Print only the values.")
    boolean valuesOnly;

    private long printed;

    @Override
    public void run() {
        if (start != null && start.offset != null && partition == null) {
            throw new ParameterException(spec.commandLine(), "--offset needs --partition (offsets are per partition)");
        }
        if (max != null && max < 0) {
            throw new ParameterException(spec.commandLine(), "--max must be >= 0, was " + max);
        }
        Long fromTime = start != null && start.fromTime != null ? parseTime(start.fromTime) : null;
        try (StoreSession session = cli.openStore(false)) {
            EmbeddedLogStore store = session.store();
            List<TopicPartition> partitions = partitions(store);
            ConsumerConfig config = group == null ? ConsumerConfig.standalone() : ConsumerConfig.group(group);
            try (Consumer consumer = store.consumer(config)) {
                if (group != null && partition == null) {
                    consumer.subscribe(List.of(topic));
                } else {
                    consumer.assign(partitions);
                }
                if (start != null && start.fromBeginning) {
                    consumer.seekToBeginning(consumer.assignment());
                } else if (start != null && start.offset != null) {
                    consumer.seek(partitions.get(0), start.offset);
                } else if (fromTime != null) {
                    consumer.seekToTimestamp(consumer.assignment(), fromTime);
                }
                consume(store, consumer, session);
            }
        }
    }

    private List<TopicPartition> partitions(EmbeddedLogStore store) {
        if (partition != null) {
            TopicPartition tp = new TopicPartition(topic, partition);
            store.logEndOffset(tp); // names the valid range if the partition does not exist
            return List.of(tp);
        }
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < store.partitionCount(topic); p++) {
            all.add(new TopicPartition(topic, p));
        }
        return all;
    }

    private void consume(EmbeddedLogStore store, Consumer consumer, StoreSession session) {
        PrintWriter out = spec.commandLine().getOut();
        Map<TopicPartition, Long> stopAt = new HashMap<>();
        Map<TopicPartition, Long> toCommit = new HashMap<>();
        int idlePolls = 0;
        while (!session.stopping() && !reachedMax()) {
            if (!follow && caughtUp(store, consumer, stopAt)) {
                break;
            }
            List<FetchResult> results = consumer.poll(follow ? FOLLOW_POLL : Duration.ZERO);
            for (FetchResult r : results) {
                print(r, out, toCommit);
            }
            out.flush();
            if (group != null && !toCommit.isEmpty()) {
                consumer.commitSync(Map.copyOf(toCommit));
                toCommit.clear();
            }
            if (!results.isEmpty()) {
                idlePolls = 0;
            } else if (!follow && ++idlePolls > 1) {
                break; // nothing more to read although the end was not reached (the topic changed under us)
            }
        }
    }

    private boolean reachedMax() {
        return max != null && printed >= max;
    }

    /** Whether every assigned partition is at or past the end offset it had when first looked at. */
    private static boolean caughtUp(EmbeddedLogStore store, Consumer consumer, Map<TopicPartition, Long> stopAt) {
        for (TopicPartition tp : consumer.assignment()) {
            long end = stopAt.computeIfAbsent(tp, store::logEndOffset);
            if (consumer.position(tp) < end) {
                return false;
            }
        }
        return true;
    }

    private void print(FetchResult r, PrintWriter out, Map<TopicPartition, Long> toCommit) {
        int p = r.partition().partition();
        for (RecordBatch batch : r) {
            if (batch.isPayload()) {
                if (reachedMax()) {
                    return;
                }
                printPayload(p, batch, out);
                toCommit.put(r.partition(), batch.nextOffset());
                continue;
            }
            RecordCursor c = batch.records();
            while (c.next()) {
                if (c.offset() < r.fetchOffset()) {
                    continue;
                }
                if (reachedMax()) {
                    return;
                }
                String value = Render.bytes(c.valueBytes());
                if (valuesOnly) {
                    out.println(value);
                } else {
                    out.println(p + "\t" + c.offset() + "\t" + Render.time(c.timestamp()) + "\t"
                            + Render.bytes(c.keyBytes()) + "\t" + value);
                }
                printed++;
                toCommit.put(r.partition(), c.offset() + 1);
            }
        }
    }

    /** A payload batch (an opaque block of rows, e.g. columnar) has no per-row key or value: one line for it. */
    private void printPayload(int partition, RecordBatch batch, PrintWriter out) {
        String what = "[payload: " + batch.recordCount() + " rows, offsets " + batch.baseOffset() + "-"
                + batch.lastOffset() + ", " + batch.payload().remaining() + " bytes]";
        if (valuesOnly) {
            out.println(what);
        } else {
            out.println(partition + "\t" + batch.baseOffset() + "\t" + Render.time(batch.firstTimestamp()) + "\tnull\t" + what);
        }
        printed++;
    }

    private long parseTime(String text) {
        String s = text.trim();
        if (s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            // next
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            // next
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--from-time: cannot read '" + text
                    + "' as a time; use ISO-8601 such as 2025-01-31T12:00:00Z, or epoch milliseconds");
        }
    }
}
