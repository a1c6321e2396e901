package dev.runnel.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.FetchResult;
import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.log.testing.Records;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Group membership without consuming, and transactions: what the engine shares work with. */
class KafkaMembershipTest {
    private static KafkaLogStore open(String ns) {
        return KafkaLogStore.open(KafkaStoreOptions.of(KafkaBroker.get().bootstrap()).withNamespace(ns));
    }

    /** Records what a member holds, as its listener hears it. */
    private static final class Held implements KafkaMembership.Listener {
        final Set<TopicPartition> now = ConcurrentHashMap.newKeySet();

        @Override
        public void assigned(Collection<TopicPartition> partitions) {
            now.addAll(partitions);
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
            now.removeAll(partitions);
        }
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void membersSplitPartitionsAndTheSurvivorTakesOverWhenOneLeaves() throws Exception {
        String ns = KafkaBroker.uniqueNamespace("member");
        try (KafkaLogStore store = open(ns)) {
            store.createTopic("tasks", TopicConfig.ofPartitions(4));
            Held a = new Held();
            Held b = new Held();
            KafkaMembership ma = KafkaMembership.join(store, "g", List.of("tasks"), "member-a", 6000, a);
            try (KafkaMembership mb = KafkaMembership.join(store, "g", List.of("tasks"), "member-b", 6000, b)) {
                await(() -> a.now.size() == 2 && b.now.size() == 2, "each member holds 2 of 4 partitions");
                assertThat(a.now).doesNotContainAnyElementsOf(b.now);
                assertThat(ma.assignment()).isEqualTo(a.now);
                ma.close();
                assertThat(a.now).isEmpty(); // told of the revoke before close returned
                await(() -> b.now.size() == 4, "the survivor holds all 4 partitions");
                assertThat(mb.assignment()).hasSize(4);
            }
        }
    }

    @Test
    void committedTransactionsAreSeenWholeAndAbortedOnesNever() throws Exception {
        String ns = KafkaBroker.uniqueNamespace("txn");
        try (KafkaLogStore store = open(ns)) {
            store.createTopic("out", TopicConfig.ofPartitions(1));
            TopicPartition tp = new TopicPartition("out", 0);
            try (KafkaTransaction t = KafkaTransaction.open(store, "task-0")) {
                t.begin();
                t.append(tp, Records.numbered("aborted", 0, 3));
                t.abort();
                assertThat(store.read(tp, 0, 1 << 20).isEmpty()).isTrue(); // only an aborted transaction there
                t.begin();
                t.append(tp, Records.numbered("kept", 0, 2));
                t.commitOffsets("readers", Map.of(tp, 7L));
                t.commit();
            }
            List<Record> seen = read(store, tp, 2);
            assertThat(seen).extracting(r -> new String(r.value())).containsExactly("kept0", "kept1");
            assertThat(store.groups().committed("readers", tp)).hasValue(7L);
        }
    }

    @Test
    void aNewWriterOfATransactionalIdFencesTheOldOne() throws Exception {
        String ns = KafkaBroker.uniqueNamespace("fence");
        try (KafkaLogStore store = open(ns)) {
            store.createTopic("out", TopicConfig.ofPartitions(1));
            TopicPartition tp = new TopicPartition("out", 0);
            try (KafkaTransaction old = KafkaTransaction.open(store, "task-0")) {
                old.begin();
                old.append(tp, Records.numbered("zombie", 0, 2));
                try (KafkaTransaction now = KafkaTransaction.open(store, "task-0")) { // aborts the zombie's
                    now.begin();
                    now.append(tp, Records.numbered("owner", 0, 1));
                    now.commit();
                }
                assertThatThrownBy(old::commit).isInstanceOf(KafkaTransaction.FencedException.class);
            }
            assertThat(read(store, tp, 1)).extracting(r -> new String(r.value())).containsExactly("owner0");
        }
    }

    /**
     * The partition's committed records, once {@code n} are there: a transaction's markers reach
     * the partition shortly after its commit returns, and only then do readers see it.
     */
    private static List<Record> read(KafkaLogStore store, TopicPartition tp, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<Record> got = read(store, tp);
        while (got.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            got = read(store, tp);
        }
        return got;
    }

    private static List<Record> read(KafkaLogStore store, TopicPartition tp) {
        List<Record> out = new java.util.ArrayList<>();
        long pos = 0;
        long end = store.logEndOffset(tp);
        while (pos < end) {
            FetchResult f = store.read(tp, pos, 1 << 20);
            if (f.isEmpty()) {
                break;
            }
            f.toRecords().forEach(c -> out.add(new Record(c.key(), c.value(), c.timestamp(), List.of())));
            pos = f.nextOffset();
        }
        return out;
    }
}
