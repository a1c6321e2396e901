package dev.runnel.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaStoreOptions;
import dev.runnel.log.kafka.KafkaTransaction;
import dev.runnel.log.kafka.testing.KafkaBroker;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Task state on a real broker: state written in the first layout (before incremental snapshots) is
 * restored, and the first incremental commit replaces it; a standby's mirror, caught up after more
 * commits, restores what a full read does while reading only the new records; an aborted commit
 * leaves the last committed snapshot.
 */
class TaskStateKafkaTest {
    private static final String TASK = "v/b0";

    @Test
    void firstLayoutStateIsReadAndReplacedAndAMirrorFollowsIncrementalCommits() {
        String ns = KafkaBroker.uniqueNamespace("taskstate");
        try (KafkaLogStore store = KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap())
                .withNamespace(ns))) {
            store.createInternalTopicIfAbsent("__v.state", TopicConfig.ofPartitions(1).with("cleanup.policy", "compact"));
            TopicPartition tp = new TopicPartition("__v.state", 0);
            Random r = new Random(11);
            byte[] old = new byte[1_300_000]; // three chunks of the first layout
            r.nextBytes(old);
            try (KafkaTransaction txn = KafkaTransaction.open(store, "view-v.b0")) {
                txn.begin();
                TaskState.write(txn, tp, TASK, "fp", old);
                txn.commit();
            }
            takeOver(store);
            StateMirror standby = new StateMirror(tp);
            standby.catchUp(store);
            StateChunks.Restored first = StateMirror.read(store, tp, TASK, "fp");
            assertThat(first.state()).isEqualTo(old);
            assertThat(first.stale()).hasSize(3);
            assertThat(StateMirror.read(store, tp, TASK, "another query").state()).isNull();

            StateChunks writer = new StateChunks(TASK, "fp", first);
            byte[] state = old;
            try (KafkaTransaction txn = KafkaTransaction.open(store, "view-v.b0")) {
                for (int commit = 0; commit < 5; commit++) {
                    state = Arrays.copyOf(state, state.length + 1000); // grows, and a value changes
                    state[r.nextInt(state.length)] ^= 1;
                    txn.begin();
                    txn.append(tp, writer.write(state, state.length));
                    txn.commit();
                    writer.committed();
                }
                byte[] lost = Arrays.copyOf(state, state.length + 5);
                txn.begin();
                txn.append(tp, writer.write(lost, lost.length));
                txn.abort(); // never committed: the writer is left as it was
            }
            takeOver(store);
            StateChunks.Restored full = StateMirror.read(store, tp, TASK, "fp");
            assertThat(full.state()).isEqualTo(state);
            assertThat(full.stale()).isEmpty(); // the first commit removed the first layout's chunks
            long before = standby.recordsRead();
            long tail = standby.catchUp(store);
            assertThat(standby.restore(TASK, "fp").state()).isEqualTo(state);
            assertThat(standby.recordsRead() - before).isEqualTo(tail);
            assertThat(tail).isLessThan(standby.position()); // only what came after its first read
            assertThat(writer.bytesWritten()).isLessThan(5L * state.length / 2); // far less than 5 whole snapshots
        }
    }

    /**
     * What a task taking over does before it reads state: opens its transactional writer, which
     * waits until the last transaction of the id is complete (its markers written, so a
     * read-committed reader sees it). Right after {@code commit()} returns that may not be so yet.
     */
    private static void takeOver(KafkaLogStore store) {
        try (KafkaTransaction fence = KafkaTransaction.open(store, "view-v.b0")) {
            // opened: the previous holder's transactions are complete
        }
    }
}
