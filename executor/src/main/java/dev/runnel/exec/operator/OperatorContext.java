package dev.runnel.exec.operator;

import java.time.Clock;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator gets from the runtime: its own child allocator (named after the operator, so a
 * leak names its owner; the operator closes what it allocates, the runtime closes the allocator),
 * the bound values of the statement's {@code ?} parameters (Java representations), the clock
 * (processing time), and its {@link OperatorMetrics} (counters the engine shows, e.g. late rows).
 * Immutable (the metrics object itself is updated by the operator).
 */
public record OperatorContext(BufferAllocator allocator, List<Object> parameters, Clock clock,
        OperatorMetrics metrics) {
    public OperatorContext {
        parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        metrics = metrics == null ? new OperatorMetrics("operator") : metrics;
    }

    /** A context with metrics of its own (tests, one-off sources). */
    public OperatorContext(BufferAllocator allocator, List<Object> parameters, Clock clock) {
        this(allocator, parameters, clock, new OperatorMetrics(allocator.getName()));
    }
}
