package dev.runnel.exec.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowestScanPositionsTest {
    private static final TopicPartition P0 = new TopicPartition("users", 0);
    private static final TopicPartition P1 = new TopicPartition("users", 1);

    @Test
    void aPartitionIsProcessedOnlyAsFarAsItsSlowestScanGot() {
        List<String> heard = new ArrayList<>();
        LowestScanPositions lowest = new LowestScanPositions((tp, next) -> heard.add(tp.partition() + "@" + next));
        ScanProgressListener left = lowest.forScan();
        ScanProgressListener right = lowest.forScan();
        left.processed(P0, 0);
        right.processed(P0, 0);
        left.processed(P0, 500); // the left side of a self-join ran ahead
        assertThat(heard).containsExactly("0@0");
        right.processed(P0, 300);
        right.processed(P0, 700);
        assertThat(heard).containsExactly("0@0", "0@300", "0@500");
        left.processed(P1, 40); // a partition only one scan reads so far
        assertThat(heard).endsWith("1@40");
    }
}
