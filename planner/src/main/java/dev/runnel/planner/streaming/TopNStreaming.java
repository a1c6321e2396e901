package dev.runnel.planner.streaming;

import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.TopNNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The streaming behaviour of a {@link TopNNode}, for {@link StreamingAnalysis}: updating (a row
 * entering the top N moves the ones below it), except a deduplication that keeps the first row by
 * processing time; its state keeps at most {@code rankEnd} rows per partition, so it grows with the
 * distinct partition keys over a stream (a warning, as for a GROUP BY). Stateless.
 */
final class TopNStreaming {
    private TopNStreaming() {}

    static StreamProperties properties(TopNNode node, boolean anyUpdating, List<String> streams) {
        boolean updating = anyUpdating || !node.appendOnly();
        if (streams.isEmpty()) {
            return new StreamProperties(anyUpdating, Optional.empty(), "state bounded by its input", Optional.empty(),
                    streams);
        }
        RowSchema in = node.input().schema();
        String keep = node.kind() == TopNNode.Kind.DEDUPLICATE ? "1 row" : node.rankEnd() + " rows";
        if (node.partitionKeys().isEmpty()) {
            return new StreamProperties(updating, Optional.empty(), "state: " + keep, Optional.empty(), streams);
        }
        String keys = node.partitionKeys().stream().map(k -> in.get(k).name()).collect(Collectors.joining(", "));
        String what = node.kind() == TopNNode.Kind.DEDUPLICATE ? "Deduplicate" : "TopN";
        return new StreamProperties(updating, Optional.empty(), "state grows with distinct keys (" + keys + "), "
                + keep + " each", Optional.of(what + "[partition: " + keys + "] keeps " + keep + " per distinct "
                + keys + " of " + String.join(", ", streams) + " for as long as the query runs; rank within a window"
                + " (PARTITION BY window_start, window_end, ...) to bound it"), streams);
    }
}
