package dev.runnel.exec.plan;

import dev.runnel.exec.operator.BatchSource;
import dev.runnel.exec.operator.OperatorContext;
import dev.runnel.planner.physical.ScanNode;

/**
 * Makes the {@link BatchSource} that reads a {@link ScanNode}'s relation: the plan builder calls it
 * once per scan leaf of a plan, so the same plan can run over the log ({@code LogScanSourceFactory})
 * or over anything else a test or job supplies. Implementations are thread-safe; each source they
 * return is used by one driver thread.
 */
@FunctionalInterface
public interface ScanSourceFactory {
    /** A new, unopened source producing batches of {@code scan.schema()}. */
    BatchSource create(ScanNode scan, OperatorContext ctx);
}
