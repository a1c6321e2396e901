package dev.runnel.exec.catalog;

/**
 * A persistent job as the catalog records it: its name, the INSERT it runs (re-planned when it
 * starts), where it first reads ({@code scan.start} text, for partitions its consumer group has no
 * offset for), and whether it was stopped (a stopped job does not start with the engine). Immutable.
 */
public record JobDef(String name, String sql, String scanStart, boolean stopped) {
    /** The consumer group the job reads through. */
    public String groupId() {
        return groupId(name);
    }

    public static String groupId(String jobName) {
        return "job-" + jobName.toLowerCase(java.util.Locale.ROOT);
    }

    public JobDef withStopped(boolean s) {
        return new JobDef(name, sql, scanStart, s);
    }
}
