package dev.runnel.log.cli;

import dev.runnel.log.LogStore;
import dev.runnel.log.TopicDescription;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code describe [TOPIC]}: partitions with their offsets, bytes and segments, then the config. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Shows a topic's partitions (start and end offsets, bytes, segments) and configuration; "
                + "every topic if none is named.")
final class DescribeCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPIC")
    String topic;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreSession session = cli.openStore(false)) {
            LogStore store = session.store();
            List<String> names = topic == null ? List.copyOf(store.listTopics()) : List.of(topic);
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                print(store.describeTopic(names.get(i)), out);
            }
        }
    }

    static void print(TopicDescription d, PrintWriter out) {
        int n = d.partitions().size();
        out.println("Topic " + d.name() + (d.internal() ? " (internal)" : "") + ": " + n
                + (n == 1 ? " partition, " : " partitions, ") + d.totalBytes() + " bytes");
        TextTable t = new TextTable("PARTITION", "START", "END", "RECORDS", "BYTES", "SEGMENTS").rightAlign(0, 1, 2, 3, 4, 5);
        for (TopicDescription.PartitionInfo p : d.partitions()) {
            t.row(p.partition(), p.logStartOffset(), p.logEndOffset(), p.logEndOffset() - p.logStartOffset(),
                    p.sizeInBytes(), p.segmentCount());
        }
        t.print(out, "  ");
        out.println("  Config:");
        for (Map.Entry<String, String> e : d.config().toMap().entrySet()) {
            if (!e.getKey().equals("partitions")) {
                out.println("    " + e.getKey() + "=" + e.getValue());
            }
        }
    }
}
