package dev.runnel.exec.source;

/**
 * What a scan has done so far: rows emitted, log records or blocks it skipped because they could
 * not be decoded, and records left out because a newer row for their key followed (tables).
 * Immutable.
 */
public record ScanStats(long rowsEmitted, long badRecords, long supersededRecords) {}
