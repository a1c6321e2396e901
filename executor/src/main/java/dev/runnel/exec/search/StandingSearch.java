package dev.runnel.exec.search;

import dev.runnel.planner.expr.Expr;

/**
 * One standing search as the index sees it: its name, its condition over the searched stream's
 * full row, and where it starts: {@code startOffsets[p]} is the first offset of partition {@code p}
 * it applies to (the partition's end when the search was created; partitions past the array, and
 * a null array, from their start). Immutable by convention (the array is not changed).
 */
public record StandingSearch(String name, Expr condition, long[] startOffsets) {}
