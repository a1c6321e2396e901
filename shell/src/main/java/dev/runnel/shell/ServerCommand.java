package dev.runnel.shell;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code runnel server}, as the shell's help lists it. The server is the engine's own program
 * ({@code dev.runnel.server.ServerMain}), which {@code bin/runnel server} starts; the shell, a JDBC
 * client, cannot start it and says so.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve remote JDBC clients at jdbc:runnel://host:port (bin/runnel server --port 8765 [--bind ADDR] "
                + "[--data-dir DIR] [--users FILE | --token TOKEN] [--tls-keystore FILE]; bin/runnel server --help for all).")
final class ServerCommand implements Callable<Integer> {
    @ParentCommand
    RunnelShell parent;

    @Option(names = "--port", defaultValue = "8765", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() {
        parent.err().println("runnel server: start it with bin/runnel server --port " + port + " --bind " + bind);
        return 1;
    }
}
