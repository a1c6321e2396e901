package dev.runnel.log.cleaner;

import dev.runnel.log.TopicConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Topic configs for cleaner tests: 1 KiB segments, so a few dozen records make many inactive
 * segments. ({@code max.record.bytes} must come down with {@code segment.bytes} in the same change.)
 */
final class TestTopics {
    private TestTopics() {}

    /** Small segments, the given cleanup policy, and further {@code key, value} overrides. */
    static TopicConfig smallSegments(String cleanupPolicy, String... overrides) {
        Map<String, String> m = new HashMap<>();
        m.put("cleanup.policy", cleanupPolicy);
        m.put("segment.bytes", "1024");
        m.put("max.record.bytes", "1024");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            m.put(overrides[i], overrides[i + 1]);
        }
        return TopicConfig.DEFAULT.withAll(m);
    }

    static TopicConfig compacted(String... overrides) {
        return smallSegments("compact", overrides);
    }
}
