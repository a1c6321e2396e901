package dev.runnel.exec.operator;

import java.time.Clock;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator gets from the runtime: its own child allocator (named after the operator, so a
 * leak names its owner; the operator closes what it allocates, the runtime closes the allocator),
 * the bound values of the statement's {@code ?} parameters (Java representations), and the clock
 * (processing time). Immutable.
 */
public record OperatorContext(BufferAllocator allocator, List<Object> parameters, Clock clock) {
    public OperatorContext {
        parameters = parameters == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }
}
