package dev.runnel.log.cli;

import dev.runnel.log.TopicConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code create TOPIC [--partitions N] [--config k=v ...] [--if-not-exists]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a topic.")
final class CreateCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Letters, digits, '.', '_' and '-'.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", description = "Number of partitions (default 1).")
    Integer partitions;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A topic setting, repeatable: cleanup.policy, retention.ms, retention.bytes, segment.bytes, "
                    + "segment.ms, fsync, fsync.interval.ms, compression, delete.retention.ms, max.record.bytes, "
                    + "index.interval.bytes.")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--if-not-exists", description = "Do nothing (and succeed) if the topic already exists.")
    boolean ifNotExists;

    @Override
    public void run() {
        Map<String, String> settings = new LinkedHashMap<>(config);
        if (partitions != null) {
            settings.put("partitions", Integer.toString(partitions));
        }
        TopicConfig topicConfig = TopicConfig.of(settings);
        try (StoreSession session = cli.openStore(true)) {
            if (ifNotExists && session.store().topicExists(topic)) {
                spec.commandLine().getOut().println("topic '" + topic + "' already exists");
                return;
            }
            session.store().createTopic(topic, topicConfig);
        }
        spec.commandLine().getOut().println("created topic '" + topic + "' with " + topicConfig.partitions()
                + (topicConfig.partitions() == 1 ? " partition" : " partitions"));
    }
}
