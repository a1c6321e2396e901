package dev.runnel.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.MutableClock;
import dev.runnel.log.testing.Records;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad request gets a clear error and leaves every file on disk as it was. */
class BadInputTest {
    private static final TopicPartition TP = new TopicPartition("good", 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(5_000);
    private EmbeddedLogStore store;

    @BeforeEach
    void setUp() {
        store = EmbeddedLogStore.open(StoreOptions.at(dir).withClock(clock).withoutBackgroundThreads());
        store.createTopic("good", TopicConfig.DEFAULT.with("max.record.bytes", "1000"));
        store.append(TP, Records.numbered("v", 0, 10));
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void unknownTopicOrPartition() throws IOException {
        Map<String, Long> before = snapshot();
        assertThatThrownBy(() -> store.read(new TopicPartition("nope", 0), 0, 100))
                .isInstanceOf(UnknownTopicException.class).hasMessage("topic 'nope' does not exist");
        assertThatThrownBy(() -> store.read(new TopicPartition("good", 3), 0, 100))
                .isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining("partition 3 of topic 'good' does not exist (it has 1 partitions: 0 to 0)");
        assertThatThrownBy(() -> store.append(new TopicPartition("nope", 0), Records.numbered("v", 0, 1)))
                .isInstanceOf(UnknownTopicException.class);
        assertThatThrownBy(() -> store.deleteTopic("nope")).isInstanceOf(UnknownTopicException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void offsetPastTheEnd() throws IOException {
        Map<String, Long> before = snapshot();
        assertThatThrownBy(() -> store.read(TP, 11, 100))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessage("offset 11 is out of range for good-0: valid offsets are 0 (log start offset) to 10 (log end offset)");
        assertThat(store.read(TP, 10, 100).isEmpty()).isTrue();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void recordOverTheMaximumSizeWritesNothing() throws IOException {
        Map<String, Long> before = snapshot();
        List<Record> batch = List.of(Record.of("a", "small"), Record.of("b".getBytes(), new byte[5000]));
        assertThatThrownBy(() -> store.append(TP, batch))
                .isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("record 1 is about 5041 bytes, more than max.record.bytes (1000)")
                .hasMessageContaining("nothing was written");
        assertThat(store.logEndOffset(TP)).isEqualTo(10);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void topicNamesThatCouldEscapeTheDataDirectory() throws IOException {
        Map<String, Long> before = snapshot();
        for (String bad : List.of("a/b", "..", ".", "../etc", "x\\y", "", "has space", "__internal", ".hidden")) {
            assertThatThrownBy(() -> store.createTopic(bad, TopicConfig.DEFAULT))
                    .as(bad).isInstanceOf(InvalidTopicException.class).hasMessageContaining("topic name");
        }
        assertThatThrownBy(() -> store.createTopic("good", TopicConfig.DEFAULT))
                .isInstanceOf(TopicExistsException.class).hasMessage("topic 'good' already exists");
        assertThatThrownBy(() -> store.createTopic("cfg", TopicConfig.DEFAULT.with("fsync", "sometimes")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("fsync must be every-batch, interval or none");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.listTopics()).containsExactly("__consumer_offsets", "good");
    }

    @Test
    void aSecondStoreCannotOpenTheSameDirectory() {
        assertThatThrownBy(() -> EmbeddedLogStore.open(StoreOptions.at(dir).withoutBackgroundThreads()))
                .isInstanceOf(StorageException.class).hasMessageContaining("in use");
    }

    /** Every file under the data dir with its size. */
    private Map<String, Long> snapshot() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1 : Files.size(p));
            }
        }
        return files;
    }
}
