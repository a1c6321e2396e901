package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/runnel server}: opens the engine in {@code --data-dir} and serves remote JDBC clients
 * until interrupted (Ctrl-C or SIGTERM close the server and then the engine, cleanly).
 */
@Command(name = "runnel server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve remote JDBC clients (jdbc:runnel://host:port) from the engine in --data-dir.")
public final class ServerMain implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./runnel-data",
            description = "Where the engine keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8765", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Engine engine;
        try {
            engine = Engines.open(EngineConfig.file(dataDir));
        } catch (RuntimeException e) {
            System.err.println("runnel server: cannot open " + dataDir + ": " + e.getMessage());
            return 1;
        }
        RunnelServer server;
        try {
            server = RunnelServer.start(engine, bind, port);
        } catch (RuntimeException e) {
            engine.close();
            System.err.println("runnel server: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
            stopped.countDown();
        }, "runnel-server-shutdown"));
        System.err.println("runnel server: serving " + dataDir + " at jdbc:runnel://" + bind + ":" + server.port());
        stopped.await();
        return 0;
    }
}
