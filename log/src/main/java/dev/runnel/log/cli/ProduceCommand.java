package dev.runnel.log.cli;

import dev.runnel.log.LogException;
import dev.runnel.log.LogStore;
import dev.runnel.log.Record;
import dev.runnel.log.TopicPartition;
import dev.runnel.log.UnknownTopicException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code produce TOPIC}: one record per line of standard input, appended in batches. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Appends one record per line of standard input (UTF-8) to an existing topic.",
                "Records go to partitions by key (null keys spread evenly) unless --partition is given."})
final class ProduceCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--key-separator", paramLabel = "SEP",
            description = "Split each line at the first SEP into key and value; a line without SEP is an error. "
                    + "Without this option lines are values with a null key.")
    String keySeparator;

    @Option(names = "--partition", paramLabel = "P", description = "Append everything to partition P.")
    Integer partition;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Lines per append (default ${DEFAULT-VALUE}).")
    int batchSize;

    private long written;

    @Override
    public void run() {
        if (keySeparator != null && keySeparator.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--key-separator must not be empty");
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
        if (!cli.storeExists()) {
            throw missingTopic();
        }
        try (StoreSession session = cli.openStore(false)) {
            LogStore store = session.store();
            if (!store.topicExists(topic)) {
                throw missingTopic();
            }
            if (partition != null) {
                store.logEndOffset(new TopicPartition(topic, partition)); // fails now for a partition that does not exist
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
            List<Record> pending = new ArrayList<>(Math.min(batchSize, 10_000));
            long lineNumber = 0;
            String line;
            while (!session.stopping() && (line = reader.readLine()) != null) {
                lineNumber++;
                Record record = parse(line);
                if (record == null) {
                    append(store, pending);
                    throw new LogException("INVALID_INPUT", "line " + lineNumber + " has no key separator '"
                            + keySeparator + "'; " + (written == 1 ? "the 1 record before it was" : "the " + written + " records before it were")
                            + " written, none from it on");
                }
                pending.add(record);
                if (pending.size() >= batchSize) {
                    append(store, pending);
                }
            }
            append(store, pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("produced " + written + (written == 1 ? " record" : " records")
                + " to topic '" + topic + "'");
    }

    private UnknownTopicException missingTopic() {
        return new UnknownTopicException("topic '" + topic + "' does not exist; create it first with: "
                + "runnel-log create " + topic);
    }

    /** The record a line stands for, or null if a key separator is expected and missing. */
    private Record parse(String line) {
        if (keySeparator == null) {
            return Record.of(null, line);
        }
        int at = line.indexOf(keySeparator);
        if (at < 0) {
            return null;
        }
        return Record.of(line.substring(0, at), line.substring(at + keySeparator.length()));
    }

    private void append(LogStore store, List<Record> pending) {
        if (pending.isEmpty()) {
            return;
        }
        if (partition != null) {
            store.append(new TopicPartition(topic, partition), pending);
        } else {
            store.send(topic, pending);
        }
        written += pending.size();
        pending.clear();
    }
}
