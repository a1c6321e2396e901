package dev.runnel.log.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.Record;
import dev.runnel.log.TopicConfig;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.embedded.EmbeddedLogStore;
import dev.runnel.log.embedded.StoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs runnel-log in-process against a temp data directory and checks what it prints and returns. */
class LogCliTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private Run runWithInput(String stdin, String... args) {
        return run(new LogCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null), args);
    }

    private Run run(LogCli cli, String... args) {
        CommandLine cmd = LogCli.commandLine(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
        all.addAll(Arrays.asList(args));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return runWithInput("", args);
    }

    @Test
    void createProduceConsumeDescribeRoundTrip() {
        Run create = run("create", "demo", "--partitions", "2", "--config", "compression=lz4");
        assertThat(create.exitCode()).isZero();
        assertThat(create.out()).contains("created topic 'demo' with 2 partitions");

        Run produce = runWithInput("a:1\nb:2\nc:3\nd:with:colons\n", "produce", "demo", "--key-separator", ":");
        assertThat(produce.exitCode()).as(produce.err()).isZero();
        assertThat(produce.out()).contains("produced 4 records to topic 'demo'");

        Run consume = run("consume", "demo");
        assertThat(consume.exitCode()).as(consume.err()).isZero();
        assertThat(consume.lines()).hasSize(4);
        List<String> keyValues = new ArrayList<>();
        for (String line : consume.lines()) {
            String[] f = line.split("\t");
            assertThat(f).hasSize(5);
            assertThat(f[0]).isIn("0", "1");
            assertThat(Long.parseLong(f[1])).isNotNegative();
            assertThat(f[2]).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            keyValues.add(f[3] + "=" + f[4]);
        }
        assertThat(keyValues).containsExactlyInAnyOrder("a=1", "b=2", "c=3", "d=with:colons");

        assertThat(run("consume", "demo", "--values-only").lines()).containsExactlyInAnyOrder("1", "2", "3", "with:colons");
        assertThat(run("consume", "demo", "--max", "2").lines()).hasSize(2);
        assertThat(run("consume", "demo", "--from-time", "2999-01-01T00:00:00Z").lines()).isEmpty();

        Run describe = run("describe", "demo");
        assertThat(describe.exitCode()).isZero();
        assertThat(describe.out()).contains("Topic demo: 2 partitions").contains("PARTITION").contains("SEGMENTS")
                .contains("compression=lz4");
        long records = describe.lines().stream().filter(l -> l.trim().matches("[01]\\s+.*"))
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[3])).sum();
        assertThat(records).isEqualTo(4);

        assertThat(run("list").lines()).containsExactly("__consumer_offsets", "demo");
    }

    @Test
    void producingToAMissingTopicFailsAndNamesCreate() {
        Run noStoreYet = runWithInput("x\n", "produce", "nope");
        assertThat(noStoreYet.exitCode()).isEqualTo(1);
        assertThat(noStoreYet.err().trim()).isEqualTo("error: topic 'nope' does not exist; create it first with: runnel-log create nope");
        assertThat(dir.resolve("topics")).doesNotExist();

        assertThat(run("create", "other").exitCode()).isZero();
        Run r = runWithInput("x\n", "produce", "nope");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("error: topic 'nope' does not exist; create it first with: runnel-log create nope");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badInputIsReportedWithoutAStackTrace() {
        assertThat(run("create", "t").exitCode()).isZero();

        Run slash = run("create", "a/b");
        assertThat(slash.exitCode()).isEqualTo(1);
        assertThat(slash.err()).startsWith("error: topic name 'a/b' is invalid").contains("no path separators");
        assertThat(dir.resolve("topics").resolve("a")).doesNotExist();

        Run unknown = run("consume", "nope");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().trim()).isEqualTo("error: topic 'nope' does not exist");

        Run badPartition = run("consume", "t", "--partition", "3");
        assertThat(badPartition.exitCode()).isEqualTo(1);
        assertThat(badPartition.err()).contains("partition 3 of topic 't' does not exist");

        Run badConfig = run("alter", "t", "retention.ms=soon");
        assertThat(badConfig.exitCode()).isEqualTo(1);
        assertThat(badConfig.err()).startsWith("error: retention.ms must be a whole number");

        for (Run r : List.of(slash, unknown, badPartition, badConfig)) {
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }

        Run usage = run("consume", "t", "--offset", "3");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("--offset needs --partition");
    }

    @Test
    void aLineWithoutTheKeySeparatorStopsProduceAfterWritingTheLinesBeforeIt() {
        run("create", "t");
        Run r = runWithInput("a:1\nb:2\nnoseparator\nc:3\n", "produce", "t", "--key-separator", ":");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("line 3 has no key separator ':'").contains("2 records before it were written");
        assertThat(run("consume", "t", "--values-only").lines()).containsExactly("1", "2");
    }

    @Test
    void commandsOtherThanCreateRefuseADirectoryWithoutAStore() {
        Run r = run("list");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: no Runnel log store in");
        assertThat(dir.resolve("topics")).doesNotExist();
    }

    @Test
    void dataDirMayAlsoFollowTheSubcommand() {
        run("create", "t");
        CommandLine cmd = LogCli.commandLine(new LogCli(new ByteArrayInputStream(new byte[0]), null));
        StringWriter out = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("list", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString()).contains("t");
    }

    @Test
    void groupConsumerResumesAfterItsCommittedOffsetsAndReportsLag() {
        run("create", "t", "--partitions", "2");
        runWithInput("a\nb\nc\n", "produce", "t");
        assertThat(run("consume", "t", "--group", "g", "--values-only").lines()).containsExactlyInAnyOrder("a", "b", "c");
        runWithInput("d\n", "produce", "t");
        assertThat(run("consume", "t", "--group", "g", "--values-only").lines()).containsExactly("d");
        assertThat(run("groups").lines()).containsExactly("g");
        Run g = run("groups", "g");
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.out()).contains("Group g:").contains("total-lag=0").contains("t-0").contains("t-1");

        Run missing = run("groups", "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: consumer group 'nope' does not exist");
    }

    @Test
    void dumpShowsBatchHeadersRecordsAndCrcDamage() throws IOException {
        // every batch indexed, so a clean reopen rescans only the last batch and leaves damage before it in place
        run("create", "t", "--config", "index.interval.bytes=1");
        runWithInput("k1:v1\nk2:v2\n", "produce", "t", "--key-separator", ":");
        runWithInput("k3:v3\n", "produce", "t", "--key-separator", ":");
        Run dump = run("dump", "t", "--partition", "0");
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("Segment 00000000000000000000.log")
                .contains("batch position=0 baseOffset=0 lastOffset=1 count=2")
                .contains("compression=none crc=valid")
                .contains("  offset=0 ").contains("key=k1 value=v1")
                .contains("  offset=1 ").contains("key=k2 value=v2")
                .contains("baseOffset=2 lastOffset=2 count=1");
        assertThat(dump.out().lines().filter(l -> l.startsWith("batch ")).count()).isEqualTo(2);

        // turn "v2" into "v3" on disk (the byte before the record's header count): the CRC no longer matches
        int firstBatchSize = Integer.parseInt(dump.out().replaceAll("(?s).*?count=2 size=(\\d+).*", "$1"));
        Path segment = dir.resolve("topics/t/0/00000000000000000000.log");
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, firstBatchSize - 2);
            b.put(0, (byte) '3').rewind();
            ch.write(b, firstBatchSize - 2);
        }
        Run damaged = run("dump", "t", "--partition", "0");
        assertThat(damaged.exitCode()).as(damaged.err()).isZero();
        assertThat(damaged.out()).contains("baseOffset=0 lastOffset=1 count=2 size=" + firstBatchSize
                + " compression=none crc=INVALID").contains("key=k2 value=v3").contains("baseOffset=2 lastOffset=2 count=1");

        // consume refuses the damaged batch rather than handing it out as data
        Run consume = run("consume", "t");
        assertThat(consume.exitCode()).isEqualTo(1);
        assertThat(consume.err()).startsWith("error: corrupt batch in t-0");
    }

    @Test
    void payloadBatchesPrintAsOneLineInConsumeAndDump() {
        Path storeDir = dir.resolve("payload");
        try (EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(storeDir))) {
            store.createTopic("cols", TopicConfig.DEFAULT);
            TopicPartition tp = new TopicPartition("cols", 0);
            store.append(tp, List.of(Record.of("k", "before")));
            store.appendPayload(tp, java.nio.ByteBuffer.wrap(new byte[40]), 5, 1000, 2000);
            store.append(tp, List.of(Record.of("k", "after")));
            LogCli cli = new LogCli(new ByteArrayInputStream(new byte[0]), store);

            Run consume = run(cli, "consume", "cols", "--values-only");
            assertThat(consume.exitCode()).as(consume.err()).isZero();
            assertThat(consume.lines()).containsExactly("before", "[payload: 5 rows, offsets 1-5, 40 bytes]", "after");

            Run dump = run(cli, "dump", "cols", "--partition", "0");
            assertThat(dump.exitCode()).as(dump.err()).isZero();
            assertThat(dump.out()).contains("baseOffset=1 lastOffset=5 count=5").contains(" payload compression=none")
                    .contains("  payload: 5 rows, 40 bytes").contains("  offset=6 ");
        }
    }

    @Test
    void followPrintsRecordsAppendedWhileItWaits() throws Exception {
        Path storeDir = Files.createDirectories(dir.resolve("shared"));
        try (EmbeddedLogStore store = EmbeddedLogStore.open(StoreOptions.at(storeDir))) {
            store.createTopic("live", TopicConfig.DEFAULT);
            LogCli cli = new LogCli(new ByteArrayInputStream(new byte[0]), store);
            CompletableFuture<Run> follower = CompletableFuture.supplyAsync(
                    () -> run(cli, "consume", "live", "--follow", "--max", "3", "--values-only"));
            Thread.sleep(300); // let it reach its poll, so the records arrive while it waits
            TopicPartition tp = new TopicPartition("live", 0);
            store.append(tp, List.of(Record.of("k", "first")));
            store.append(tp, List.of(Record.of("k", "second"), Record.of("k", "third"), Record.of("k", "fourth")));
            Run r = follower.get(30, TimeUnit.SECONDS);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.lines()).containsExactly("first", "second", "third");
        }
    }
}
