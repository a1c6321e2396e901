package dev.runnel.log.crash;

import dev.runnel.log.AppendResult;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link CrashRecoveryTest}: appends to a {@code fsync = every-batch} topic forever,
 * printing {@code ACK partition first last} after each acknowledged batch, until it is killed.
 * The value of the record at offset {@code o} of partition {@code p} is {@code p-o-<padding>}, so the
 * parent can check every record's place.
 */
public final class CrashWriter {
    static final String TOPIC = "crash";
    static final int PARTITIONS = 2;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(dir));
        if (!store.topicExists(TOPIC)) {
            store.createTopic(TOPIC, TopicConfig.ofPartitions(PARTITIONS).withAll(java.util.Map.of(
                    "fsync", "every-batch", "segment.bytes", "65536", "index.interval.bytes", "512")));
        }
        out.println("READY");
        out.flush();
        while (true) {
            int p = random.nextInt(PARTITIONS);
            TopicPartition tp = new TopicPartition(TOPIC, p);
            long next = store.logEndOffset(tp);
            int n = 1 + random.nextInt(40);
            List<Record> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String value = p + "-" + (next + i) + "-" + "x".repeat(random.nextInt(200));
                batch.add(Record.of("k" + random.nextInt(100), value, System.currentTimeMillis()));
            }
            for (AppendResult r : store.append(tp, batch)) {
                out.println("ACK " + p + " " + r.firstOffset() + " " + r.lastOffset());
            }
            out.flush();
        }
    }
}
