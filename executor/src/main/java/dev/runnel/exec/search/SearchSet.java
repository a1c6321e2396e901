package dev.runnel.exec.search;

import java.util.List;

/**
 * The standing searches of one stream as they are now, shared between the engine (which replaces
 * them when a search is created or dropped) and the running {@link SearchOperator} (which rebuilds
 * its index when the version moves, between batches). Thread-safe.
 */
public final class SearchSet {
    /** One version of the searches, in creation order. */
    public record Version(long number, List<StandingSearch> searches) {}

    private volatile Version current = new Version(0, List.of());

    public Version current() {
        return current;
    }

    public synchronized void set(List<StandingSearch> searches) {
        current = new Version(current.number() + 1, List.copyOf(searches));
    }
}
