package dev.runnel.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code runnel server}: will serve remote JDBC clients; not built yet. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve remote JDBC clients (not available yet).")
final class ServerCommand implements Callable<Integer> {
    @ParentCommand
    RunnelShell parent;

    @Option(names = "--port", defaultValue = "8765", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() {
        parent.err().println("runnel server: not available yet (use jdbc:runnel:file:DIR in-process meanwhile)");
        return 1;
    }
}
