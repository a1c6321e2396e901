package dev.runnel.exec.copy;

/**
 * How far a COPY has come, reported about every 100,000 rows and once at the end: rows read from
 * the file (loaded + rejected + in the batch being built), rows appended to the target, rows sent
 * to the dead-letter topic, and file bytes consumed of the total. Immutable.
 */
public record CopyProgress(long rowsRead, long rowsLoaded, long rowsRejected, long bytesRead, long bytesTotal) {}
