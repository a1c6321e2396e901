package dev.runnel.planner.streaming;

import java.util.List;
import java.util.Optional;

/**
 * What one plan node does when it runs continuously, as {@link StreamingAnalysis} derives it:
 *
 * <ul>
 *   <li>{@code updating}: whether its output is a changelog (rows may be retracted and re-emitted)
 *       rather than append-only;</li>
 *   <li>{@code time}: the time attribute and watermark it uses or produces, if any (e.g.
 *       {@code watermark date_time - INTERVAL '4' SECOND});</li>
 *   <li>{@code state}: how its state is bounded ({@code stateless}, {@code state bounded by
 *       watermark}, {@code state grows with distinct keys (channel)}, ...);</li>
 *   <li>{@code unboundedState}: when its state grows for as long as the query runs, why, in a
 *       sentence for a warning;</li>
 *   <li>{@code streams}: the streams (unbounded inputs) it reads, directly or through its inputs.</li>
 * </ul>
 * Immutable.
 */
public record StreamProperties(boolean updating, Optional<String> time, String state,
        Optional<String> unboundedState, List<String> streams) {
    public StreamProperties {
        streams = List.copyOf(streams);
    }

    /** The annotation EXPLAIN writes after the node: {@code append-only; watermark ...; stateless}. */
    public String describe() {
        return (updating ? "updating" : "append-only") + time.map(t -> "; " + t).orElse("") + "; " + state;
    }
}
