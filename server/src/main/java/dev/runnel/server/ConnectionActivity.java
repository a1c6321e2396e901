package dev.runnel.server;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a server knows of its remote connections' requests: when each was last heard from and
 * whether one of its requests is running, so connections silent for the idle timeout are closed
 * (a client that died frees its session and queries), and connections closed that way fail their
 * late requests instead of quietly reopening. Thread-safe.
 */
final class ConnectionActivity {
    /** One connection's requests. */
    static final class Activity {
        final AtomicInteger running = new AtomicInteger();
        volatile long lastSeen = System.nanoTime();
    }

    private final Map<String, Activity> activity = new ConcurrentHashMap<>();
    private final Set<String> expired = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    private volatile long idleTimeoutNanos;
    private volatile ScheduledExecutorService reaper;

    /** Starts closing connections (through {@code close}) that sent nothing for {@code idleTimeout}. */
    void watch(Duration idleTimeout, Supplier<Collection<String>> openConnections, Consumer<String> close) {
        idleTimeoutNanos = idleTimeout.toNanos();
        long every = Math.max(50, Math.min(1000, idleTimeout.toMillis() / 4));
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runnel-server-idle-connections");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> closeIdle(openConnections.get(), close), every, every, TimeUnit.MILLISECONDS);
        reaper = s;
    }

    private void closeIdle(Collection<String> open, Consumer<String> close) {
        long now = System.nanoTime();
        for (String id : List.copyOf(open)) {
            Activity a = activity.get(id);
            if (a != null && a.running.get() == 0 && now - a.lastSeen > idleTimeoutNanos) {
                expired.add(id);
                try {
                    close.accept(id);
                } catch (RuntimeException e) {
                    // closing is best effort; the session is gone either way
                }
            }
        }
    }

    /** Notes a request of {@code connectionId} now. */
    Activity touch(String connectionId) {
        Activity a = activity.computeIfAbsent(connectionId, id -> new Activity());
        a.lastSeen = System.nanoTime();
        return a;
    }

    /** Whether the connection was closed for idleness. */
    boolean expired(String connectionId) {
        return expired.contains(connectionId);
    }

    long idleTimeoutSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(idleTimeoutNanos);
    }

    void forget(String connectionId) {
        activity.remove(connectionId);
    }

    void stop() {
        ScheduledExecutorService s = reaper;
        if (s != null) {
            s.shutdownNow();
        }
    }
}
