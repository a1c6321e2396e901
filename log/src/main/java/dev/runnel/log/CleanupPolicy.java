package dev.runnel.log;

import java.util.Locale;

/** What happens to old data: deleted by retention, compacted to the latest value per key, or both. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact"),
    COMPACT_DELETE("compact,delete");

    private final String configName;

    CleanupPolicy(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public boolean compacts() {
        return this != DELETE;
    }

    public boolean deletes() {
        return this != COMPACT;
    }

    public static CleanupPolicy parse(String s) {
        String norm = s.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        for (CleanupPolicy p : values()) {
            if (p.configName.equals(norm)) {
                return p;
            }
        }
        if (norm.equals("delete,compact")) {
            return COMPACT_DELETE;
        }
        throw new InvalidConfigException("cleanup.policy must be delete, compact or compact,delete, was '" + s + "'");
    }
}
