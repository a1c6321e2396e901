package dev.runnel.log.cli;

import dev.runnel.log.TopicDescription;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code alter TOPIC k=v...}: changes topic settings (not the partition count). */
@Command(name = "alter", mixinStandardHelpOptions = true,
        description = "Changes settings of a topic, e.g. retention.ms=86400000; takes effect at once.")
final class AlterCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE")
    List<String> settings;

    @Override
    public void run() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "'" + s + "' is not KEY=VALUE");
            }
            changes.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        TopicDescription d;
        try (StoreSession session = cli.openStore(false)) {
            d = session.store().alterTopicConfig(topic, changes);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> now = d.config().toMap();
        out.println("altered topic '" + topic + "':");
        for (String key : changes.keySet()) {
            out.println("  " + key + "=" + now.get(key));
        }
    }
}
