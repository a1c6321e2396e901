package dev.runnel.planner.physical;

import dev.runnel.planner.physical.SortNode.SortKey;
import java.util.List;

/**
 * Regular Top-N and deduplication over a non-window input (Flink's {@code ROW_NUMBER() OVER
 * (PARTITION BY keys ORDER BY ...)} filtered on the row number, without window columns in the
 * partition): per partition, the rows ranked {@code rankStart..rankEnd} by {@code order}, numbered
 * from 1. Output row: the input columns, then {@code rownum} (BIGINT NOT NULL).
 *
 * <p>Running continuously the output is an updating changelog (Flink's Rank semantics with the
 * rank number): a row entering the top N at rank {@code r} takes rank {@code r} over from the row
 * that held it ({@code -U} old, {@code +U} new at {@code r}), which moves down one rank, and so on
 * to the last rank, where a row falls out or the list grows ({@code +I}); unique key: the partition
 * keys plus {@code rownum}. A bounded run emits the final ranks once, at the end of its input.
 * Deduplication ({@link Kind#DEDUPLICATE}: {@code rownum = 1} ordered by a time attribute) keeps the
 * first row ({@code ASC}) or the last ({@code DESC}). Keeping the first row by event time is
 * append-only ({@code appendOnly}), as in Flink: a row is held until the watermark reaches its time,
 * an earlier row arriving meanwhile takes its place, and rows that are late on arrival (their
 * {@code _watermark}, input column {@code watermarkColumn}, is past their time) are dropped and
 * counted; the held rows are emitted when the watermark passes them (all of them at the end of a
 * bounded input). {@code watermarkColumn} is -1 for every other kind.
 *
 * <p>Rows whose order keys are equal rank by arrival, the earlier first, except for
 * {@link Kind#DEDUPLICATE} ordered descending (keep the last row), where the later ranks first, as
 * in Flink. {@code rankStart >= 1}; a range with {@code rankStart > rankEnd} selects nothing.
 * Immutable.
 */
public record TopNNode(PhysicalNode input, List<Integer> partitionKeys, List<SortKey> order, long rankStart,
        long rankEnd, Kind kind, boolean appendOnly, int watermarkColumn, RowSchema schema) implements PhysicalNode {
    /** The largest {@code rankEnd}: what one partition may keep. */
    public static final long MAX_RANK = WindowTopNNode.MAX_RANK;

    /** What the query asked for: Top-N, or deduplication (rownum = 1 ordered by a time attribute). */
    public enum Kind { TOP_N, DEDUPLICATE }

    public TopNNode {
        partitionKeys = List.copyOf(partitionKeys);
        order = List.copyOf(order);
        if (order.isEmpty()) {
            throw new IllegalArgumentException("a Top-N needs an ORDER BY");
        }
        if (rankStart < 1 || rankEnd < 0 || rankEnd > MAX_RANK) {
            throw new IllegalArgumentException("rank range " + rankStart + ".." + rankEnd + " out of 1.." + MAX_RANK);
        }
        if (appendOnly != (watermarkColumn >= 0)) {
            throw new IllegalArgumentException("an append-only deduplication needs the _watermark column, and only it");
        }
        if (appendOnly && (kind != Kind.DEDUPLICATE || order.get(0).descending())) {
            throw new IllegalArgumentException("only a deduplication keeping the first row can be append-only");
        }
    }

    /** The output column of the row number (the last). */
    public int rowNumberColumn() {
        return schema.size() - 1;
    }

    /** Whether, among rows with equal order keys, the one that arrived later ranks first. */
    public boolean laterFirstOnTies() {
        return kind == Kind.DEDUPLICATE && order.get(0).descending();
    }

    @Override
    public List<PhysicalNode> inputs() {
        return List.of(input);
    }
}
