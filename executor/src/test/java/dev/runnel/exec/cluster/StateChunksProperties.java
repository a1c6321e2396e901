package dev.runnel.exec.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Incremental snapshots in a compacted topic, modelled as the records a task's transactions append:
 * after any sequence of edited snapshots, committed or aborted commits, restarts from the topic, and
 * first-layout state, every prefix of the log (a reader at a last stable offset that cuts a
 * transaction of another task, or just its own) restores the newest snapshot whose manifest it
 * holds — whole — and compaction changes nothing; a damaged chunk is refused, never returned.
 */
class StateChunksProperties {
    private static final TopicPartition TP = new TopicPartition("__v.state", 0);
    private static final String TASK = "v/b0";

    /** One committed commit: where its manifest is in the log, and the snapshot it wrote. */
    private record Commit(int manifestAt, byte[] state) {}

    private static int manifestAt(List<Record> log, int from) {
        for (int i = from; i < log.size(); i++) {
            if (new String(log.get(i).key(), StandardCharsets.UTF_8).equals(TASK)) {
                return i;
            }
        }
        throw new AssertionError("no manifest");
    }

    @Property(tries = 60)
    void everyPrefixOfTheLogRestoresAWholeCommittedSnapshot(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int rounds,
            @ForAll boolean firstLayout) {
        Random r = new Random(seed);
        List<Record> log = new ArrayList<>();
        List<Commit> commits = new ArrayList<>();
        byte[] state = snapshot(r);
        if (firstLayout) {
            log.addAll(TaskState.firstLayout(TASK, "fp", state));
            commits.add(new Commit(manifestAt(log, 0), state));
        }
        StateChunks writer = new StateChunks(TASK, "fp", restore(log, log.size()));
        for (int i = 0; i < rounds; i++) {
            state = edit(r, state);
            byte[] buffer = Arrays.copyOf(state, state.length + r.nextInt(100)); // a buffer longer than the snapshot
            List<Record> records = writer.write(buffer, state.length);
            int roll = r.nextInt(10);
            if (roll == 0) {
                continue; // aborted: nothing reaches the log, the writer stays as it was
            }
            if (roll == 1) {
                log.add(Record.of("v/a0".getBytes(StandardCharsets.UTF_8), new byte[] {1})); // another task's record
            }
            int from = log.size();
            log.addAll(records);
            writer.committed();
            commits.add(new Commit(manifestAt(log, from), state));
            if (roll == 2) {
                writer = new StateChunks(TASK, "fp", restore(log, log.size())); // a take-over
            }
        }
        for (int prefix = 0; prefix <= log.size(); prefix++) {
            byte[] want = null;
            for (Commit c : commits) {
                if (c.manifestAt() < prefix) {
                    want = c.state();
                }
            }
            assertThat(restore(log, prefix).state()).as("prefix %d of %d", prefix, log.size()).isEqualTo(want);
        }
        Map<String, byte[]> compacted = compact(log);
        byte[] last = commits.isEmpty() ? null : commits.get(commits.size() - 1).state();
        assertThat(StateChunks.restore(TP, TASK, "fp", compacted).state()).isEqualTo(last);
        if (commits.size() > (firstLayout ? 1 : 0)) {
            assertThat(compacted.keySet()).noneMatch(k -> k.startsWith(TASK + "#")); // the first layout is gone
            StateChunks.Restored end = StateChunks.restore(TP, TASK, "fp", compacted);
            assertThat(end.stale()).isEmpty();
            assertThat(end.live()).hasSize((int) compacted.keySet().stream().filter(k -> k.startsWith(TASK + "@"))
                    .count());
        }
        assertThat(StateChunks.restore(TP, TASK, "another query", compacted).state()).isNull();
    }

    @Property(tries = 40)
    void aDamagedChunkIsRefused(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] state = Arrays.copyOf(snapshot(r), 100_000 + r.nextInt(300_000));
        StateChunks writer = new StateChunks(TASK, "fp", StateChunks.Restored.NONE);
        Map<String, byte[]> topic = new HashMap<>();
        for (Record rec : writer.write(state, state.length)) {
            StateMirror.apply(topic, new String(rec.key(), StandardCharsets.UTF_8), rec.value());
        }
        List<String> chunks = topic.keySet().stream().filter(k -> k.startsWith(TASK + "@")).toList();
        String victim = chunks.get(r.nextInt(chunks.size()));
        byte[] damaged = topic.get(victim).clone();
        damaged[r.nextInt(damaged.length)] ^= (byte) (1 + r.nextInt(255));
        topic.put(victim, damaged);
        assertThatThrownBy(() -> StateChunks.restore(TP, TASK, "fp", topic)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
        topic.remove(victim);
        assertThatThrownBy(() -> StateChunks.restore(TP, TASK, "fp", topic)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks chunk");
    }

    private static StateChunks.Restored restore(List<Record> log, int prefix) {
        Map<String, byte[]> latest = new HashMap<>();
        for (Record rec : log.subList(0, prefix)) {
            StateMirror.apply(latest, new String(rec.key(), StandardCharsets.UTF_8), rec.value());
        }
        return StateChunks.restore(TP, TASK, "fp", latest);
    }

    /** The newest record per key, tombstones dropped: what a fully compacted partition holds. */
    private static Map<String, byte[]> compact(List<Record> log) {
        Map<String, byte[]> last = new LinkedHashMap<>();
        for (Record rec : log) {
            last.put(new String(rec.key(), StandardCharsets.UTF_8), rec.value());
        }
        last.values().removeIf(v -> v == null);
        return last;
    }

    private static byte[] snapshot(Random r) {
        int n = r.nextInt(4) == 0 ? r.nextInt(2000) : r.nextInt(700_000);
        byte[] b = new byte[n];
        if (r.nextBoolean()) {
            r.nextBytes(b);
        } else {
            for (int i = 0; i + 8 <= n; i += 8) {
                b[i + 7] = (byte) r.nextInt(20); // small longs: mostly zero bytes, as counters are
            }
        }
        return b;
    }

    /** An insertion, deletion or overwrite somewhere, or a few of them. */
    private static byte[] edit(Random r, byte[] s) {
        byte[] out = s;
        for (int e = 1 + r.nextInt(3); e > 0; e--) {
            int at = out.length == 0 ? 0 : r.nextInt(out.length);
            int len = 1 + r.nextInt(r.nextBoolean() ? 16 : 40_000);
            switch (r.nextInt(3)) {
                case 0 -> {
                    byte[] ins = new byte[len];
                    r.nextBytes(ins);
                    byte[] n = new byte[out.length + len];
                    System.arraycopy(out, 0, n, 0, at);
                    System.arraycopy(ins, 0, n, at, len);
                    System.arraycopy(out, at, n, at + len, out.length - at);
                    out = n;
                }
                case 1 -> {
                    int cut = Math.min(len, out.length - at);
                    byte[] n = new byte[out.length - cut];
                    System.arraycopy(out, 0, n, 0, at);
                    System.arraycopy(out, at + cut, n, at, out.length - at - cut);
                    out = n;
                }
                default -> {
                    out = out.clone();
                    for (int i = at; i < Math.min(out.length, at + len); i++) {
                        out[i] = (byte) r.nextInt();
                    }
                }
            }
        }
        return out;
    }
}
