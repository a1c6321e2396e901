package dev.runnel.exec.engine;

import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaMembership;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which process of a cluster runs each persistent job: every process that knows a job (from the
 * shared catalog) and has not seen it stopped is a member of the job's owner group,
 * {@code job-<name>.owner} (in the cluster's namespace), over the one partition of
 * {@link ClusterProcess#TOPIC}; Kafka gives that partition to exactly one member, and that member
 * runs the job. When the owner leaves (its engine closes: at once; it dies: after the group's
 * session timeout) Kafka gives the partition to another member, which starts the job from its last
 * checkpoint (kept in Kafka in a cluster: {@link Jobs}). The {@link Owner} hears of gains and losses on the
 * membership's thread; a loss returns once the job has stopped, so two processes never run a job at
 * once (short of a member thrown out for silence, which stops without committing). Thread-safe.
 */
final class JobOwnership implements AutoCloseable {
    /** Starts and stops jobs as this process gains and loses them. */
    interface Owner {
        void gained(String job);

        /** {@code lost}: the process was thrown out of the group (the job may run elsewhere already). */
        void released(String job, boolean lost);
    }

    private final ClusterProcess process;
    private final Owner owner;
    /** By lower-case job name. */
    private final Map<String, KafkaMembership> joined = new ConcurrentHashMap<>();

    JobOwnership(ClusterProcess process, Owner owner) {
        this.process = process;
        this.owner = owner;
    }

    /** The owner group of job {@code name} (Runnel's name; the namespace is added by the store). */
    static String group(String name) {
        return "job-" + name.toLowerCase(Locale.ROOT) + ".owner";
    }

    /** Becomes a candidate to run job {@code name} (nothing if it is one already). */
    synchronized void join(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (joined.containsKey(key)) {
            return;
        }
        joined.put(key, KafkaMembership.join(process.store(), group(name), List.of(ClusterProcess.TOPIC),
                process.clientId(), ClusterProcess.SESSION_TIMEOUT_MS, new KafkaMembership.Listener() {
                    @Override
                    public void assigned(Collection<TopicPartition> partitions) {
                        owner.gained(name);
                    }

                    @Override
                    public void revoked(Collection<TopicPartition> partitions) {
                        owner.released(name, false);
                    }

                    @Override
                    public void lost(Collection<TopicPartition> partitions) {
                        owner.released(name, true);
                    }
                }));
    }

    /** Stops being a candidate for job {@code name}; returns once a run of it here has stopped. */
    void leave(String name) {
        KafkaMembership m;
        synchronized (this) {
            m = joined.remove(name.toLowerCase(Locale.ROOT));
        }
        if (m != null) {
            m.close();
        }
    }

    /** The jobs (lower-case names) this process is a candidate for. */
    Set<String> joined() {
        return Set.copyOf(joined.keySet());
    }

    /** Leaves every owner group (engine close): the jobs run here move to other processes. */
    @Override
    public void close() {
        for (String name : joined()) {
            leave(name);
        }
    }
}
