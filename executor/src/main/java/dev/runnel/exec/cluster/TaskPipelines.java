package dev.runnel.exec.cluster;

import dev.runnel.exec.operator.Output;
import dev.runnel.exec.plan.Pipeline;
import dev.runnel.exec.plan.ScanSourceFactory;
import dev.runnel.planner.physical.PhysicalNode;

/** Builds a task's pipeline from its query, the scans to read with and the output to write to (as the engine builds a view's). */
@FunctionalInterface
public interface TaskPipelines {
    Pipeline build(PhysicalNode query, ScanSourceFactory scans, Output sink);
}
