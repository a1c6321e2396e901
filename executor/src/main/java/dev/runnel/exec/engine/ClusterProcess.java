package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.JobDef;
import dev.runnel.exec.cluster.ViewTasks;
import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.GroupException;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.kafka.KafkaLogStore;
import dev.runnel.log.kafka.KafkaMembership;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This process as one member of its Runnel cluster: who it is (host, pid, start time, the JDBC port
 * it serves, if any), its membership of the group {@code members} (in the cluster's namespace, so
 * {@code <cluster>.members} in Kafka), which every process of the cluster joins so that
 * {@code SHOW CLUSTER} can list the live ones, and the rows of {@code SHOW CLUSTER}. A process's
 * Kafka client id says who it is ({@code runnel_<host>_<pid>_<port>_<start ms>}); Kafka appends a
 * member id to it. The group's members hold the one partition of {@value #TOPIC} in turn; what they
 * hold means nothing here, only that they are members. Thread-safe.
 */
final class ClusterProcess implements AutoCloseable {
    /** The one-partition topic that membership groups (this one, jobs' owner groups) subscribe to. */
    static final String TOPIC = "__cluster";
    static final String MEMBERS_GROUP = "members";
    /** How long Kafka waits for a silent process before its group memberships (and jobs) move on. */
    static final long SESSION_TIMEOUT_MS = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern CLIENT_ID = Pattern.compile("runnel_(.+)_(\\d+)_(\\d+)_(\\d+)");
    private static final Pattern MEMBER_SUFFIX = Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
            + "-[0-9a-f]{12}$");

    private final String cluster;
    private final KafkaLogStore store;
    private final String host;
    private final long pid;
    private final long started;
    private volatile int port;
    private KafkaMembership members;

    /** A process of the cluster as its client id tells it. */
    record Member(String host, long pid, int port, long started) {
        /** The same process, whatever port it announced. */
        boolean sameProcess(Member o) {
            return host.equals(o.host) && pid == o.pid && started == o.started;
        }
    }

    private ClusterProcess(String cluster, KafkaLogStore store, long started) {
        this.cluster = cluster;
        this.store = store;
        this.host = localHost();
        this.pid = ProcessHandle.current().pid();
        this.started = started;
    }

    /** Joins the cluster's member group (creating {@value #TOPIC} if needed). */
    static ClusterProcess join(String cluster, LogStore log, long nowMillis) {
        KafkaLogStore store = (KafkaLogStore) log;
        store.createInternalTopicIfAbsent(TOPIC, TopicConfig.ofPartitions(1));
        ClusterProcess p = new ClusterProcess(cluster, store, nowMillis);
        p.rejoin();
        return p;
    }

    String cluster() {
        return cluster;
    }

    KafkaLogStore store() {
        return store;
    }

    /** This process's Kafka client id. */
    String clientId() {
        return "runnel_" + host + "_" + pid + "_" + port + "_" + started;
    }

    Member self() {
        return new Member(host, pid, port, started);
    }

    /** Announces the JDBC port this process serves: joins the member group again under the new client id. */
    synchronized void serving(int jdbcPort) {
        this.port = jdbcPort;
        rejoin();
    }

    private synchronized void rejoin() {
        if (members != null) {
            members.close();
        }
        members = KafkaMembership.join(store, MEMBERS_GROUP, List.of(TOPIC), clientId(), SESSION_TIMEOUT_MS,
                new KafkaMembership.Listener() {
                    @Override
                    public void assigned(Collection<TopicPartition> partitions) {}

                    @Override
                    public void revoked(Collection<TopicPartition> partitions) {}
                });
    }

    /** The process a member id of a group stands for, if it is a Runnel process's. */
    static Optional<Member> member(String memberId) {
        Matcher m = CLIENT_ID.matcher(MEMBER_SUFFIX.matcher(memberId).replaceFirst(""));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Member(m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
                Long.parseLong(m.group(4))));
    }

    /**
     * The rows of SHOW CLUSTER ({@link CatalogRows#CLUSTER}): one per live member of the member group,
     * with the jobs it runs (whose owner group it holds the partition of, or of whose task group it
     * holds a task), the tasks of {@code views} it holds ({@code view#task (lag N)}: the records its
     * input partitions hold beyond what it committed; {@code lagOf}) and the tasks of jobs it holds
     * ({@code job#task (lag N)}; {@code jobLagOf}), and its standby tasks of views
     * ({@code view#task (standby)}; {@code standbysOf}: a view's member id → task numbers).
     */
    List<Object[]> rows(List<JobDef> jobs, List<String> views,
            java.util.function.Function<String, Map<Integer, Long>> lagOf,
            java.util.function.Function<String, Map<Integer, Long>> jobLagOf,
            java.util.function.Function<String, Map<String, java.util.Set<Integer>>> standbysOf) {
        ConsumerGroups groups = store.groups();
        Map<String, Member> live = new TreeMap<>();
        for (ConsumerGroups.MemberInfo m : describe(groups, MEMBERS_GROUP)) {
            member(m.memberId()).ifPresent(p -> live.putIfAbsent(p.host() + "_" + p.pid() + "_" + p.started(), p));
        }
        Member me = self();
        live.putIfAbsent(me.host() + "_" + me.pid() + "_" + me.started(), me); // joining takes a moment
        Map<String, List<String>> owned = new LinkedHashMap<>();
        for (JobDef job : jobs) {
            for (ConsumerGroups.MemberInfo m : describe(groups, JobOwnership.group(job.name()))) {
                if (!m.assignment().isEmpty()) {
                    member(m.memberId()).ifPresent(p -> owned.computeIfAbsent(p.host() + "_" + p.pid() + "_"
                            + p.started(), k -> new ArrayList<>()).add(job.name()));
                }
            }
        }
        Map<String, List<String>> jobTasks = new LinkedHashMap<>();
        for (JobDef job : jobs) {
            Map<Integer, Long> lag = job.stopped() ? Map.of() : jobLagOf.apply(job.name());
            for (ConsumerGroups.MemberInfo m : describe(groups, ViewTasks.Groups.job(job.name()).members())) {
                if (m.assignment().isEmpty()) {
                    continue;
                }
                List<String> held = m.assignment().stream().map(TopicPartition::partition).sorted()
                        .map(t -> job.name() + "#" + t + (lag.containsKey(t) ? " (lag " + lag.get(t) + ")" : ""))
                        .toList();
                member(m.memberId()).ifPresent(p -> {
                    String key = p.host() + "_" + p.pid() + "_" + p.started();
                    jobTasks.computeIfAbsent(key, k -> new ArrayList<>()).addAll(held);
                    owned.computeIfAbsent(key, k -> new ArrayList<>()).add(job.name());
                });
            }
        }
        Map<String, List<String>> tasks = new LinkedHashMap<>();
        for (String view : views) {
            Map<Integer, Long> lag = lagOf.apply(view);
            Map<String, java.util.Set<Integer>> standbys = standbysOf.apply(view);
            for (ConsumerGroups.MemberInfo m : describe(groups, ViewTasks.group(view))) {
                List<String> held = new ArrayList<>(m.assignment().stream().map(TopicPartition::partition).sorted()
                        .map(t -> view + "#" + t + (lag.containsKey(t) ? " (lag " + lag.get(t) + ")" : "")).toList());
                standbys.getOrDefault(m.memberId(), java.util.Set.of()).forEach(t -> held.add(view + "#" + t
                        + " (standby)"));
                member(m.memberId()).ifPresent(p -> tasks.computeIfAbsent(p.host() + "_" + p.pid() + "_"
                        + p.started(), k -> new ArrayList<>()).addAll(held));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        live.forEach((key, p) -> rows.add(row(cluster, p, p.sameProcess(me), owned.getOrDefault(key, List.of()),
                tasks.getOrDefault(key, List.of()), jobTasks.getOrDefault(key, List.of()))));
        return rows;
    }

    /** The one row of SHOW CLUSTER on a standalone engine: itself, with the jobs it runs. */
    static Object[] standaloneRow(long started, int port, List<String> jobs) {
        return row(null, new Member(localHost(), ProcessHandle.current().pid(), port, started), true, jobs, List.of(),
                List.of());
    }

    private static Object[] row(String cluster, Member p, boolean self, List<String> jobs, List<String> tasks,
            List<String> jobTasks) {
        return new Object[] {cluster, "runnel_" + p.host() + "_" + p.pid() + "_" + p.port() + "_" + p.started(),
            p.host(), p.pid(), p.port() == 0 ? null : p.port(), TIME.format(Instant.ofEpochMilli(p.started())), self,
            String.join(", ", jobs), tasks.isEmpty() ? null : String.join(", ", tasks),
            jobTasks.isEmpty() ? null : String.join(", ", jobTasks)};
    }

    private static List<ConsumerGroups.MemberInfo> describe(ConsumerGroups groups, String group) {
        try {
            return groups.listGroups().contains(group) ? groups.describe(group).members() : List.of();
        } catch (GroupException e) {
            return List.of(); // emptied meanwhile
        }
    }

    /**
     * How a cluster's tools name a process in the groups it joins: {@code process}'s client id, or
     * {@code runnel-<host>-<pid>} before the process has joined its cluster.
     */
    static String memberInfo(ClusterProcess process) {
        return process != null ? process.clientId() : "runnel-" + localHost() + "-" + ProcessHandle.current().pid();
    }

    private static String localHost() {
        String h;
        try {
            h = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            h = "localhost";
        }
        return h.replaceAll("[^A-Za-z0-9.-]", "-");
    }

    /** Leaves the member group. */
    @Override
    public synchronized void close() {
        if (members != null) {
            members.close();
            members = null;
        }
    }
}
