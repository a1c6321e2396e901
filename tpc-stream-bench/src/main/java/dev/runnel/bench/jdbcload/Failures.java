package dev.runnel.bench.jdbcload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Errors (a JDBC call failed) and violations (an answer broke a rule: a count went down, a row was
 * torn, a change did not fit the subscriber's copy) seen by every client, with the first few
 * messages kept (with the seconds since the clients started). Thread-safe.
 */
final class Failures {
    private static final int KEEP = 10;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final List<String> first = new ArrayList<>();
    private final long start = System.nanoTime();
    private final java.util.Map<String, Long> kinds = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    void error(String who, Exception e) {
        errors.incrementAndGet();
        keep(who + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** A wrong answer of kind {@code kind} (a short label the report counts by). */
    void violation(String kind, String who, String what) {
        violations.incrementAndGet();
        kinds.merge(kind, 1L, Long::sum);
        keep(who + ": " + what);
    }

    /** Violations by kind, in the order the kinds first occurred. */
    synchronized java.util.Map<String, Long> byKind() {
        return new java.util.LinkedHashMap<>(kinds);
    }

    private synchronized void keep(String message) {
        if (first.size() < KEEP) {
            first.add(String.format(java.util.Locale.ROOT, "at %.1f s, %s", (System.nanoTime() - start) / 1e9, message));
        }
    }

    long errors() {
        return errors.get();
    }

    long violations() {
        return violations.get();
    }

    synchronized List<String> firstMessages() {
        return List.copyOf(first);
    }
}
