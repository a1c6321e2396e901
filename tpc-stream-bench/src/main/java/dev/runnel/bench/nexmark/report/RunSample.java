package dev.runnel.bench.nexmark.report;

/**
 * One run of one query on one engine.
 *
 * @param run 1-based, counting warm-up runs separately
 * @param warmup whether the run was a warm-up (not in the medians)
 * @param wallNanos from the statement to the last result row (Runnel: parse, plan, compile, run;
 *        Flink: plan, submit, deploy, run, job end)
 * @param executeNanos the execution alone (Runnel: the pipeline run; Flink: the job's net runtime)
 * @param cpuNanos CPU time of the whole process (all threads) during the run
 * @param peakHeapBytes sum of the heap pools' peaks during the run
 * @param stateBytes peak off-heap (Arrow) memory of the query (Runnel); -1 if unknown
 * @param rows result rows (-1 if the engine did not count them)
 * @param gcMillis time the garbage collectors reported during the run
 */
public record RunSample(int run, boolean warmup, long wallNanos, long executeNanos, long cpuNanos,
        long peakHeapBytes, long stateBytes, long rows, long gcMillis) {}
