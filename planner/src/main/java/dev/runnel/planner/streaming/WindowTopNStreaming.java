package dev.runnel.planner.streaming;

import dev.runnel.planner.physical.RowSchema;
import dev.runnel.planner.physical.WindowTopNNode;
import java.util.List;
import java.util.Optional;

/**
 * The streaming behaviour of a {@link WindowTopNNode}, for {@link StreamingAnalysis}: append-only
 * (each window's rows are emitted once, when the watermark passes its end); over a window function
 * it works on event time and decides lateness by {@code _watermark}, over a window aggregate it
 * reads the windows its input carries; its state is bounded by the watermark (the candidates of the
 * windows still open). Stateless.
 */
final class WindowTopNStreaming {
    private WindowTopNStreaming() {}

    static StreamProperties properties(WindowTopNNode node, Optional<String> watermark, List<String> streams) {
        RowSchema in = node.input().schema();
        String time;
        if (node.windows() instanceof WindowTopNNode.Assigned a) {
            time = "event time " + in.get(a.spec().timeColumn()).name() + watermark.map(m -> ", watermark " + m)
                    .orElse("") + ", late rows by " + in.get(a.watermarkColumn()).name();
        } else {
            time = "windows of " + in.get(node.windowStartColumn()).name() + ", " + in.get(node.windowEndColumn())
                    .name();
        }
        return new StreamProperties(false, Optional.of(time), "state bounded by watermark", Optional.empty(), streams);
    }
}
