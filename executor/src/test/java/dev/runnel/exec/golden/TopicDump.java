package dev.runnel.exec.golden;

import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.TopicPartition;
import java.nio.charset.StandardCharsets;

/**
 * The records of a topic as text for a transcript, partition by partition in offset order, one
 * line each: {@code P@OFFSET key=KEY VALUE} (key and value as UTF-8, {@code null} for none), then
 * {@code (N records)}. For topics whose values are text, such as dead-letter topics. Stateless.
 */
final class TopicDump {
    private TopicDump() {}

    static String of(LogStore log, String topic) {
        if (!log.topicExists(topic)) {
            return "no topic " + topic + "\n";
        }
        StringBuilder out = new StringBuilder();
        int[] n = {0};
        int partitions = log.describeTopic(topic).partitions().size();
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            long offset = log.logStartOffset(tp);
            long end = log.logEndOffset(tp);
            while (offset < end) {
                FetchResult f = log.read(tp, offset, 1 << 20);
                f.forEach((batch, r) -> {
                    out.append(tp.partition()).append('@').append(r.offset())
                            .append(" key=").append(text(r.keyBytes()))
                            .append(' ').append(text(r.valueBytes())).append('\n');
                    n[0]++;
                });
                long next = f.nextOffset();
                if (next <= offset) {
                    break;
                }
                offset = next;
            }
        }
        return out.append('(').append(n[0]).append(n[0] == 1 ? " record)" : " records)").append('\n').toString();
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
