package dev.runnel.bench.cluster;

/**
 * The role of a worker's thread, from its name: a view task's stage ({@code runnel-task-VIEW/aN} is
 * stage A, {@code /bN} stage B, {@code /N} a single-task view), Kafka's client threads, or the
 * rest. CPU not on a live Java thread (garbage collector, JIT compiler, threads that ended) is
 * what remains of the process's total. Stateless.
 */
final class ThreadGroups {
    static final String STAGE_A = "stageA";
    static final String STAGE_B = "stageB";
    static final String SINGLE = "task";
    static final String KAFKA = "kafkaClients";
    static final String OTHER = "otherThreads";

    private ThreadGroups() {}

    static String of(String threadName) {
        if (threadName.startsWith("runnel-task-")) {
            int slash = threadName.lastIndexOf('/');
            char c = slash >= 0 && slash + 1 < threadName.length() ? threadName.charAt(slash + 1) : '?';
            return c == 'a' ? STAGE_A : c == 'b' ? STAGE_B : SINGLE;
        }
        if (threadName.startsWith("kafka-") || threadName.contains("consumer") || threadName.contains("producer")) {
            return KAFKA;
        }
        return OTHER;
    }
}
