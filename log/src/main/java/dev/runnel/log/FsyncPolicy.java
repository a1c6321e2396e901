package dev.runnel.log;

import java.util.Locale;

/**
 * When appended bytes are forced to disk, and so when an append is acknowledged.
 *
 * <ul>
 *   <li>{@code EVERY_BATCH}: each append returns only after its batch is fsynced; readers see a batch
 *       only after that, so nothing a reader saw can be lost by a crash.</li>
 *   <li>{@code INTERVAL}: appends return at once; a background flusher fsyncs every
 *       {@code fsync.interval.ms}. A crash loses at most that window.</li>
 *   <li>{@code NONE}: the operating system decides; survives a process crash, not a machine crash.</li>
 * </ul>
 */
public enum FsyncPolicy {
    EVERY_BATCH("every-batch"),
    INTERVAL("interval"),
    NONE("none");

    private final String configName;

    FsyncPolicy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static FsyncPolicy parse(String s) {
        String norm = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FsyncPolicy p : values()) {
            if (p.configName.equals(norm)) {
                return p;
            }
        }
        throw new InvalidConfigException("fsync must be every-batch, interval or none, was '" + s + "'");
    }
}
