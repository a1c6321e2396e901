package dev.runnel.log;

/**
 * How a {@link Consumer} reads: its group (null for a standalone consumer that uses
 * {@link Consumer#assign}), where it starts without a committed offset, how much it fetches per
 * partition per poll, and group settings. Immutable.
 *
 * @param assignor         {@code range} or {@code sticky}
 * @param sessionTimeoutMs a member that has not polled for this long is removed from its group
 */
public record ConsumerConfig(String groupId, OffsetReset offsetReset, int maxFetchBytes, String assignor,
        long sessionTimeoutMs) {

    public static final ConsumerConfig DEFAULT = new ConsumerConfig(null, OffsetReset.EARLIEST, 1024 * 1024, "sticky",
            30_000);

    public ConsumerConfig {
        if (maxFetchBytes < 1) {
            throw new InvalidConfigException("maxFetchBytes must be >= 1");
        }
        if (!assignor.equals("range") && !assignor.equals("sticky")) {
            throw new InvalidConfigException("assignor must be range or sticky, was '" + assignor + "'");
        }
        if (sessionTimeoutMs < 1) {
            throw new InvalidConfigException("sessionTimeoutMs must be >= 1");
        }
    }

    public static ConsumerConfig standalone() {
        return DEFAULT;
    }

    public static ConsumerConfig group(String groupId) {
        return DEFAULT.withGroup(groupId);
    }

    public ConsumerConfig withGroup(String id) {
        return new ConsumerConfig(id, offsetReset, maxFetchBytes, assignor, sessionTimeoutMs);
    }

    public ConsumerConfig withOffsetReset(OffsetReset reset) {
        return new ConsumerConfig(groupId, reset, maxFetchBytes, assignor, sessionTimeoutMs);
    }

    public ConsumerConfig withMaxFetchBytes(int bytes) {
        return new ConsumerConfig(groupId, offsetReset, bytes, assignor, sessionTimeoutMs);
    }

    public ConsumerConfig withAssignor(String name) {
        return new ConsumerConfig(groupId, offsetReset, maxFetchBytes, name, sessionTimeoutMs);
    }

    public ConsumerConfig withSessionTimeoutMs(long ms) {
        return new ConsumerConfig(groupId, offsetReset, maxFetchBytes, assignor, ms);
    }
}
