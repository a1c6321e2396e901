package dev.runnel.exec.catalog;

/**
 * A persistent job as the catalog records it: its name, the INSERT it runs (re-planned when it
 * starts), where it first reads ({@code scan.start} text, for partitions its consumer group has no
 * offset for), whether it was stopped (a stopped job does not start with the engine), and the
 * session's {@code checkpoint.interval} when it was created (null: the default), which is also how
 * often its output is committed, and its {@code state.ttl} (null: none; how long its regular joins
 * keep rows not written). Immutable.
 */
public record JobDef(String name, String sql, String scanStart, boolean stopped, String checkpointInterval,
        String stateTtl) {
    public JobDef(String name, String sql, String scanStart, boolean stopped) {
        this(name, sql, scanStart, stopped, null, null);
    }

    public JobDef(String name, String sql, String scanStart, boolean stopped, String checkpointInterval) {
        this(name, sql, scanStart, stopped, checkpointInterval, null);
    }

    /** The consumer group the job reads through. */
    public String groupId() {
        return groupId(name);
    }

    public static String groupId(String jobName) {
        return "job-" + jobName.toLowerCase(java.util.Locale.ROOT);
    }

    public JobDef withStopped(boolean s) {
        return new JobDef(name, sql, scanStart, s, checkpointInterval, stateTtl);
    }
}
