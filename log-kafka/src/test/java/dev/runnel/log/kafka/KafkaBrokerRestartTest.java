package dev.runnel.log.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnavailableException;
import dev.runnel.log.kafka.testing.KafkaBroker;
import dev.runnel.log.testing.Records;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A store whose broker stops and starts again (same ports, same data): appends while it is down
 * fail within the bounded delivery time as {@link UnavailableException} and write nothing;
 * acknowledged records are all there after the restart, and the same store goes on working.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KafkaBrokerRestartTest {
    @Test
    void appendsWhileTheBrokerIsDownFailInBoundedTimeAndAcknowledgedRecordsSurviveItsRestart() {
        try (KafkaBroker broker = KafkaBroker.startPrivate();
                KafkaLogStore store = KafkaLogStore.open(KafkaStoreOptions.of(broker.bootstrap())
                        .withRequestTimeoutMs(2_000))) {
            TopicPartition tp = new TopicPartition("events", 0);
            store.createTopic("events", TopicConfig.DEFAULT);
            store.append(tp, Records.numbered("before", 0, 5));

            broker.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> store.append(tp, List.of(Record.of("k", "lost"))))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("append to events-0");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("an append waits at most the delivery timeout (2 x request timeout) and a second")
                    .isLessThan(6_000);

            broker.start();
            store.append(tp, Records.numbered("after", 0, 5));
            assertThat(Records.values(Records.readAll(store, tp, 0))).containsExactly("before0", "before1", "before2", "before3", "before4",
                    "after0", "after1", "after2", "after3", "after4");
        }
    }
}
