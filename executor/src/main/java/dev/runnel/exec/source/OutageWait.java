package dev.runnel.exec.source;

import dev.runnel.log.UnavailableException;

/**
 * How an unbounded scan waits out a log it cannot reach (a Kafka broker restarting): it pauses and
 * then reads on from its position, with a warning at most every ten seconds. One per scan, used
 * on its thread only.
 */
final class OutageWait {
    private static final System.Logger LOG = System.getLogger(OutageWait.class.getName());
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final String relation;
    /** When the last warning was logged (nanoTime; 0: never). */
    private long lastWarning;

    OutageWait(String relation) {
        this.relation = relation;
    }

    /** Warns (rarely) and sleeps {@code millis}; false if interrupted meanwhile (the flag is set again). */
    boolean pause(UnavailableException e, long millis) {
        long now = System.nanoTime();
        if (lastWarning == 0 || now - lastWarning > WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.log(System.Logger.Level.WARNING, "scan of '" + relation + "' waits for its log: " + e.getMessage());
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
