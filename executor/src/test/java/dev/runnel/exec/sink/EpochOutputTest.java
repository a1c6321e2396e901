package dev.runnel.exec.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.LogStores;
import dev.runnel.log.ProducerTag;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's held output: committed once, and completed exactly after a commit cut short anywhere. */
class EpochOutputTest {
    @TempDir
    Path dir;

    private static final long JOB = 4242;

    private static List<Record> records(String prefix, int n) {
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Record.of(null, (prefix + i + "-" + "x".repeat(200)).getBytes(StandardCharsets.UTF_8), 1000 + i));
        }
        return out;
    }

    /** Values of record batches and "payload:<bytes>" of payload batches, in log order. */
    private static List<String> contents(LogStore store, TopicPartition tp) {
        List<String> out = new ArrayList<>();
        long pos = 0;
        while (pos < store.logEndOffset(tp)) {
            FetchResult f = store.read(tp, pos, 1 << 20);
            for (RecordBatch b : f) {
                if (b.isPayload()) {
                    out.add("payload:" + b.payload().remaining());
                } else {
                    RecordCursor c = b.records();
                    while (c.next()) {
                        out.add(new String(c.valueBytes(), StandardCharsets.UTF_8).split("-")[0]);
                    }
                }
                pos = b.nextOffset();
            }
        }
        return out;
    }

    private static void hold(EpochOutput out) {
        out.records(new TopicPartition("out", 0), records("a", 30));
        out.payload(new TopicPartition("out", 1), ByteBuffer.wrap(new byte[77]), 5, 1, 2);
        out.records(new TopicPartition("out", 0), records("b", 12));
        out.records(new TopicPartition("out", 1), records("c", 3));
    }

    private static List<String> expected0() {
        List<String> e = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            e.add("a" + i);
        }
        for (int i = 0; i < 12; i++) {
            e.add("b" + i);
        }
        return e;
    }

    @Test
    void aCommitCutShortAnywhereIsCompletedWithoutRepeatingARow() throws Exception {
        // cut the first commit after k rows of partition 0 (inside the first append, which the log
        // splits into several batches, and inside the second), for several k
        for (int cut : new int[] {0, 7, 30, 35, 42}) {
            Path d = dir.resolve("cut" + cut);
            try (LogStore store = LogStores.openEmbedded(d, Clock.systemUTC(), false)) {
                store.createTopic("out", TopicConfig.ofPartitions(2).with("segment.bytes", "4096"));
                store.append(new TopicPartition("out", 0), records("other", 2)); // another writer's rows
                EpochOutput first = new EpochOutput(store, "out", 2, JOB, 1 << 20);
                hold(first);
                ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
                first.snapshot(new DataOutputStream(checkpoint));
                // the crash: only the first `cut` rows of partition 0 made it, nothing of partition 1
                List<Record> a = records("a", 30);
                List<Record> b = records("b", 12);
                TopicPartition p0 = new TopicPartition("out", 0);
                if (cut > 0) {
                    store.append(p0, a.subList(0, Math.min(cut, 30)), new ProducerTag(JOB, 3, 0));
                }
                if (cut > 30) {
                    store.append(p0, b.subList(0, cut - 30), new ProducerTag(JOB, 3, 30));
                }
                store.append(p0, records("later", 1)); // someone else appends meanwhile

                EpochOutput restarted = new EpochOutput(store, "out", 2, JOB, 1 << 20);
                restarted.restore(new DataInputStream(new ByteArrayInputStream(checkpoint.toByteArray())));
                restarted.recover(3);
                List<String> p0rows = contents(store, p0);
                p0rows.removeIf(v -> v.startsWith("other") || v.startsWith("later"));
                assertThat(p0rows).as("partition 0 after a cut at " + cut).isEqualTo(expected0());
                assertThat(contents(store, new TopicPartition("out", 1)))
                        .containsExactly("payload:77", "c0", "c1", "c2");
                assertThat(restarted.committedRows()).isEqualTo(42 - cut + 8);

                // recovering again (a second crash right after) writes nothing more
                EpochOutput again = new EpochOutput(store, "out", 2, JOB, 1 << 20);
                again.restore(new DataInputStream(new ByteArrayInputStream(checkpoint.toByteArray())));
                again.recover(3);
                assertThat(again.committedRows()).isZero();
            }
        }
    }

    @Test
    void outputIsHeldUntilCommittedAndASnapshotThatWasNeverWrittenIsKept() throws Exception {
        try (LogStore store = LogStores.openEmbedded(dir, Clock.systemUTC(), false)) {
            store.createTopic("out", TopicConfig.ofPartitions(2));
            EpochOutput out = new EpochOutput(store, "out", 2, JOB, 1 << 20);
            hold(out);
            assertThat(store.logEndOffset(new TopicPartition("out", 0))).isZero();
            out.snapshot(new DataOutputStream(new ByteArrayOutputStream())); // its file failed to write
            out.records(new TopicPartition("out", 1), records("d", 1));
            out.snapshot(new DataOutputStream(new ByteArrayOutputStream()));
            out.commit(9);
            assertThat(contents(store, new TopicPartition("out", 0))).isEqualTo(expected0());
            assertThat(contents(store, new TopicPartition("out", 1))).containsExactly("payload:77", "c0", "c1", "c2", "d0");
            assertThat(out.committedRows()).isEqualTo(51);
        }
    }
}
