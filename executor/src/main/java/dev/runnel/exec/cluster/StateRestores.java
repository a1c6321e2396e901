package dev.runnel.exec.cluster;

import dev.runnel.log.kafka.KafkaLogStore;
import java.util.ArrayList;
import java.util.List;

/**
 * How the tasks of a view restored their state in this process: from a standby's copy of the state
 * partition (only the records appended since it last followed are read) or by reading the partition
 * from its start. A record per restore, kept for SHOW CLUSTER-style inspection, tests and the
 * take-over benchmark. Thread-safe.
 */
public final class StateRestores {
    /** One restore: the task, whether a standby's copy was used, the records read and how long it took. */
    public record Restore(String task, boolean fromStandby, long recordsRead, long stateBytes, long millis) {}

    private final List<Restore> log = new ArrayList<>();

    /**
     * Task {@code spec}'s newest committed snapshot. Called after the task opened its writer (which
     * fenced the previous holder's), so reading to the partition's end now sees its last commit:
     * from {@code mirror} (a standby's copy, caught up to the end first) when there is one, else
     * from the partition's start.
     */
    StateChunks.Restored restore(KafkaLogStore store, ClusterTask.Spec spec, StateMirror mirror) {
        long t0 = System.nanoTime();
        StateChunks.Restored r;
        long read;
        if (mirror != null && mirror.partition().equals(spec.stateTopic())) {
            read = mirror.catchUp(store);
            r = mirror.restore(spec.name(), spec.fingerprint());
        } else {
            mirror = new StateMirror(spec.stateTopic());
            read = mirror.catchUp(store);
            r = mirror.restore(spec.name(), spec.fingerprint());
            mirror = null;
        }
        Restore done = new Restore(spec.name(), mirror != null, read, r.state() == null ? 0 : r.state().length,
                (System.nanoTime() - t0) / 1_000_000);
        synchronized (this) {
            log.add(done);
        }
        return r;
    }

    synchronized List<Restore> all() {
        return List.copyOf(log);
    }
}
