package dev.runnel.planner.streaming;

import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.physical.OverAggregateNode;
import dev.runnel.planner.physical.OverAggregateNode.Frame;
import dev.runnel.planner.physical.OverAggregateNode.Function;
import dev.runnel.planner.physical.RowSchema;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The streaming behaviour of an {@link OverAggregateNode}, for {@link StreamingAnalysis}:
 * append-only; event time with the input's watermark, late rows by {@code _watermark}; state
 * bounded by the watermark (rows wait until it passes them) and the frame (the rows a partition
 * keeps to take back when they leave it, or LAG reads), per partition key. Stateless.
 */
final class OverStreaming {
    private OverStreaming() {}

    static StreamProperties properties(OverAggregateNode node, Optional<String> watermark, List<String> streams) {
        RowSchema in = node.input().schema();
        String time = "event time " + in.get(node.timeColumn()).name() + watermark.map(m -> ", watermark " + m)
                .orElse("") + ", late rows by " + in.get(node.watermarkColumn()).name();
        Frame f = node.frame();
        boolean minMax = node.calls().stream().anyMatch(c -> c.function() == Function.MIN
                || c.function() == Function.MAX);
        String kept;
        if (f.unbounded()) {
            int lag = node.maxLagOffset();
            boolean hasLag = node.calls().stream().anyMatch(c -> c.function() == Function.LAG);
            kept = "accumulators" + (minMax ? " and the MIN/MAX row" : "") + (hasLag ? " and the last " + (lag + 1)
                    + (lag == 0 ? " row" : " rows") : "");
        } else if (f.kind() == Frame.Kind.RANGE) {
            kept = "the rows of the last " + Durations.sqlInterval(f.preceding());
        } else {
            kept = "the last " + Math.max(f.preceding() + 1, node.maxLagOffset() + 1) + " rows";
        }
        String per = node.partitionKeys().isEmpty() ? "" : " per distinct "
                + node.partitionKeys().stream().map(k -> in.get(k).name()).collect(Collectors.joining(", "));
        return new StreamProperties(false, Optional.of(time), "state bounded by watermark and frame: " + kept + per,
                Optional.empty(), streams);
    }
}
