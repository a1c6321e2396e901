package dev.runnel.log.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code delete TOPIC}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a topic and all its data.")
final class DeleteCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Override
    public void run() {
        try (StoreSession session = cli.openStore(false)) {
            session.store().deleteTopic(topic);
        }
        spec.commandLine().getOut().println("deleted topic '" + topic + "'");
    }
}
