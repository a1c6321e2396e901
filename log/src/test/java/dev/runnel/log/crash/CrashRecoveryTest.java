package dev.runnel.log.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.ConsumedRecord;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import dev.runnel.log.testing.Records;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts a child JVM appending with {@code fsync = every-batch}, kills it with SIGKILL at a random
 * moment, reopens the store: every acknowledged record is there exactly once, in order, with
 * contiguous offsets, and no partial record is ever returned. Repeated over many rounds on the
 * same directory, so recovery also runs on logs that were recovered before.
 */
class CrashRecoveryTest {
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    void acknowledgedRecordsSurviveSigkill() throws Exception {
        Random random = new Random(42);
        long[] maxAcked = {-1, -1};
        int totalAcks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            AtomicLongArray acked = new AtomicLongArray(new long[] {-1, -1});
            Process child = start(random.nextLong());
            Thread reader = readAcks(child, acked);
            waitForFirstAck(acked, child);
            Thread.sleep(random.nextInt(150));
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);

            try (EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(dir).withoutBackgroundThreads())) {
                assertThat(store.openedClean()).as("the child never closes cleanly").isFalse();
                for (int p = 0; p < CrashWriter.PARTITIONS; p++) {
                    maxAcked[p] = Math.max(maxAcked[p], acked.get(p));
                    TopicPartition tp = new TopicPartition(CrashWriter.TOPIC, p);
                    List<ConsumedRecord> all = Records.readAll(store, tp, 0);
                    assertThat(store.logEndOffset(tp)).as("round %d partition %d end", round, p)
                            .isGreaterThan(maxAcked[p]);
                    assertThat(all).hasSize((int) store.logEndOffset(tp));
                    for (int i = 0; i < all.size(); i++) {
                        ConsumedRecord r = all.get(i);
                        assertThat(r.offset()).isEqualTo(i);
                        assertThat(r.valueString()).as("record %d of partition %d", i, p).startsWith(p + "-" + i + "-");
                    }
                }
            }
            for (int p = 0; p < 2; p++) {
                totalAcks += acked.get(p) >= 0 ? 1 : 0;
            }
        }
        assertThat(totalAcks).isGreaterThan(ROUNDS);
        assertThat(maxAcked[0] + maxAcked[1]).isGreaterThan(100);
    }

    private Process start(long seed) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), dir.toString(),
                Long.toString(seed))
                .redirectError(dir.resolve("writer.err").toFile())
                .start();
    }

    private String readQuietly(Process child) {
        try {
            return java.nio.file.Files.readString(dir.resolve("writer.err"));
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    private static Thread readAcks(Process child, AtomicLongArray acked) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] parts = line.split(" ");
                    if (parts.length == 4 && parts[0].equals("ACK")) {
                        int p = Integer.parseInt(parts[1]);
                        acked.accumulateAndGet(p, Long.parseLong(parts[3]), Math::max);
                    }
                }
            } catch (IOException e) {
                // the child was killed; a cut-off line is simply not an acknowledgement
            } catch (NumberFormatException e) {
                // a line torn by the kill
            }
        }, "crash-ack-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void waitForFirstAck(AtomicLongArray acked, Process child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acked.get(0) < 0 && acked.get(1) < 0) {
            if (!child.isAlive()) {
                throw new AssertionError("crash writer exited early with code " + child.exitValue() + ": "
                        + readQuietly(child));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("crash writer acknowledged nothing within 60 s");
            }
            Thread.sleep(5);
        }
    }
}
