package dev.runnel.exec.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theNewestOfTheSameFingerprintIsReadAndOnlyTwoAreKept() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("v"));
        assertThat(store.latest("q")).isEmpty();
        for (long seq = 1; seq <= 4; seq++) {
            store.write(seq, 1000 + seq, "q", bytes("state " + seq));
        }
        assertThat(store.sequences()).containsExactly(4L, 3L);
        CheckpointStore.Checkpoint c = store.latest("q").orElseThrow();
        assertThat(c.sequence()).isEqualTo(4);
        assertThat(c.createdMillis()).isEqualTo(1004);
        assertThat(new String(c.body(), StandardCharsets.UTF_8)).isEqualTo("state 4");
        assertThat(store.latest("another query")).isEmpty();
    }

    @Test
    void aDamagedCheckpointIsDetectedAndThePreviousOneUsed() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("v"));
        store.write(1, 1, "q", bytes("first"));
        store.write(2, 2, "q", bytes("second, soon damaged"));
        Path newest = dir.resolve("v").resolve("checkpoint-2.bin");
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(f.length() - 10);
            int b = f.read();
            f.seek(f.length() - 10);
            f.write(b ^ 0x40);
        }
        assertThat(new String(store.latest("q").orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("first");
        Files.write(newest, new byte[] {1, 2, 3}); // torn to almost nothing
        assertThat(store.latest("q").orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void anUnfinishedWriteLeavesOnlyATemporaryFileThatIsIgnored() throws Exception {
        CheckpointStore store = new CheckpointStore(dir.resolve("v"));
        store.write(1, 1, "q", bytes("done"));
        Files.write(dir.resolve("v").resolve("checkpoint-2.bin.tmp"), bytes("half"));
        assertThat(store.latest("q").orElseThrow().sequence()).isEqualTo(1);
        store.deleteAll();
        assertThat(dir.resolve("v")).doesNotExist();
    }
}
