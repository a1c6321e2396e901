package dev.runnel.log.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code list}: topic names, one per line. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists topic names, one per line (internal topics start with '__').")
final class ListCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreSession session = cli.openStore(false)) {
            for (String name : session.store().listTopics()) {
                out.println(name);
            }
        }
    }
}
