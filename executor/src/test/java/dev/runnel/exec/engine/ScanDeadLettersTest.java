package dev.runnel.exec.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.format.DeadLetter;
import dev.runnel.log.FetchResult;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.record.RecordBatch;
import dev.runnel.log.record.RecordCursor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record another client wrote into a stream's topic that cannot be decoded: the jobs and views
 * reading the stream skip it, and it lands in the stream's dead-letter topic once — not once per
 * reader, not again after a restart — with its reason and where it was.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScanDeadLettersTest {
    @TempDir
    Path dir;

    @Test
    void aMalformedRecordWrittenByAnotherClientGoesToTheDeadLetterTopicOnceWhoeverReadsIt() throws Exception {
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            s.execute("CREATE STREAM clicks (user_id BIGINT, page VARCHAR) WITH (format = 'json', partitions = 2)");
            s.execute("CREATE STREAM copied (user_id BIGINT, page VARCHAR) WITH (format = 'json')");
            s.execute("INSERT INTO clicks VALUES (1, 'home'), (2, 'cart')");
            long at = engine.log().logEndOffset(new TopicPartition("clicks", 1));
            // what a Kafka producer (or runnel-log produce) could write: not JSON, and a wrong type
            engine.log().append(new TopicPartition("clicks", 1), List.of(
                    Record.of(null, "not json at all".getBytes(StandardCharsets.UTF_8)),
                    Record.of(null, "{\"user_id\": \"seven\", \"page\": \"x\"}".getBytes(StandardCharsets.UTF_8))));
            s.execute("INSERT INTO clicks VALUES (3, 'pay')");
            s.execute("CREATE JOB copy AS INSERT INTO copied SELECT user_id, page FROM clicks");
            s.execute("CREATE MATERIALIZED VIEW per_user AS SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id");
            JobTest.eventually(() -> JobTest.rows(s, "SELECT COUNT(*) FROM copied").get(0)[0].equals(3L));
            assertThat(JobTest.rows(s, "SELECT SUM(n) FROM per_user").get(0)[0]).isEqualTo(3L);
            JobTest.eventually(() -> deadLetters(engine.log(), "clicks.dlq").size() == 2);
            Thread.sleep(300); // a second reader's copy would land now
            List<DeadLetter> letters = deadLetters(engine.log(), "clicks.dlq");
            assertThat(letters).extracting(DeadLetter::source).containsExactly("clicks-1@" + at,
                    "clicks-1@" + (at + 1));
            assertThat(letters.get(0).reason()).isNotBlank();
            assertThat(new String(letters.get(1).raw(), StandardCharsets.UTF_8)).contains("seven");
        }
        try (Engine engine = Engines.open(EngineConfig.file(dir)); Session s = engine.openSession()) {
            // after a restart the view rebuilds and the job goes on: nothing is recorded twice
            s.execute("INSERT INTO clicks VALUES (4, 'home')");
            JobTest.eventually(() -> JobTest.rows(s, "SELECT COUNT(*) FROM copied").get(0)[0].equals(4L));
            s.execute("CREATE MATERIALIZED VIEW again AS SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id");
            assertThat(JobTest.rows(s, "SELECT SUM(n) FROM again").get(0)[0]).isEqualTo(4L);
            assertThat(deadLetters(engine.log(), "clicks.dlq")).hasSize(2);
            assertThat(JobTest.rows(s, "DESCRIBE clicks").stream().filter(r -> "(dead letters)".equals(r[0]))
                    .map(r -> r[1]).toList()).containsExactly("2");
        }
    }

    static List<DeadLetter> deadLetters(LogStore log, String topic) {
        List<DeadLetter> out = new ArrayList<>();
        if (!log.topicExists(topic)) {
            return out;
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        long pos = log.logStartOffset(tp);
        while (pos < log.logEndOffset(tp)) {
            FetchResult f = log.read(tp, pos, 1 << 20);
            for (RecordBatch b : f) {
                RecordCursor c = b.records();
                while (c.next()) {
                    out.add(DeadLetter.fromJson(c.valueBytes()));
                }
            }
            pos = Math.max(pos + 1, f.nextOffset());
        }
        return out;
    }
}
