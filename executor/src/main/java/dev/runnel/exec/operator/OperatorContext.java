package dev.runnel.exec.operator;

import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator gets from the runtime: its own child allocator (named after the operator, so a
 * leak names its owner; the operator closes what it allocates, the runtime closes the allocator),
 * the bound values of the statement's {@code ?} parameters (Java representations), the clock
 * (processing time), its {@link OperatorMetrics} (counters the engine shows, e.g. late rows), and
 * whether the run was cancelled ({@link #checkCancelled}).
 * Immutable (the metrics object itself is updated by the operator).
 */
public record OperatorContext(BufferAllocator allocator, List<Object> parameters, Clock clock,
        OperatorMetrics metrics, BooleanSupplier cancelled) {
    public OperatorContext {
        parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        metrics = metrics == null ? new OperatorMetrics("operator") : metrics;
        cancelled = cancelled == null ? () -> false : cancelled;
    }

    /** A context that is never cancelled (tests, one-off runs). */
    public OperatorContext(BufferAllocator allocator, List<Object> parameters, Clock clock, OperatorMetrics metrics) {
        this(allocator, parameters, clock, metrics, null);
    }

    /**
     * Throws SQLSTATE 57014 if the run was cancelled: for operators that can work long on one input
     * batch without emitting (a join whose pairs all fail its condition), so a cancel stops them.
     */
    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new RunnelSqlException("57014", "query cancelled", SourcePos.UNKNOWN);
        }
    }

    /** A context with metrics of its own (tests, one-off sources). */
    public OperatorContext(BufferAllocator allocator, List<Object> parameters, Clock clock) {
        this(allocator, parameters, clock, new OperatorMetrics(allocator.getName()));
    }
}
