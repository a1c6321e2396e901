package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.exec.engine.Engines;
import dev.runnel.server.auth.Authenticator;
import dev.runnel.server.auth.PasswordHash;
import dev.runnel.server.auth.TokenAuthenticator;
import dev.runnel.server.auth.UsersAuthenticator;
import dev.runnel.server.auth.UsersFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/runnel server}: opens the engine in {@code --data-dir} and serves remote JDBC clients
 * until interrupted (Ctrl-C or SIGTERM close the server and then the engine, cleanly). Binding to
 * an address other machines can reach needs {@code --users FILE} or {@code --token}; {@code adduser}
 * writes the users file.
 */
@Command(name = "runnel server", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = ServerMain.AddUser.class,
        description = "Serve remote JDBC clients (jdbc:runnel://host:port) from the engine in --data-dir.")
public final class ServerMain implements Callable<Integer> {
    /** Environment variable that may hold the TLS key store's password instead of the command line. */
    public static final String KEYSTORE_PASSWORD_ENV = "RUNNEL_TLS_KEYSTORE_PASSWORD";
    /** Environment variable that may hold the token instead of the command line. */
    public static final String TOKEN_ENV = "RUNNEL_SERVER_TOKEN";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./runnel-data",
            description = "Where the engine keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Keep the log (streams, tables, catalog) in this Kafka cluster; --data-dir then holds only"
                    + " checkpoints.")
    String kafka;

    @Option(names = "--kafka-namespace", paramLabel = "PREFIX", defaultValue = "",
            description = "Prefix of every Kafka topic and group name, to share a cluster (default: none).")
    String kafkaNamespace;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "With --kafka: be one process of cluster NAME, sharing its catalog with the others (Kafka"
                    + " namespace NAME. unless --kafka-namespace is given).")
    String cluster;

    @Option(names = "--kafka-replication", paramLabel = "N", defaultValue = "-1",
            description = "Replication factor of the Kafka topics the engine creates (default: the broker's).")
    int kafkaReplication;

    @Option(names = "--kafka-connect-attempts", paramLabel = "N", defaultValue = "5",
            description = "Attempts to reach Kafka at start, the wait between them doubling from 200 ms; then the"
                    + " server refuses to start (default: ${DEFAULT-VALUE}).")
    int kafkaConnectAttempts;

    @Option(names = "--kafka-connect-timeout", paramLabel = "MS", defaultValue = "5000",
            description = "How long one attempt to reach Kafka waits for an answer (default: ${DEFAULT-VALUE}).")
    long kafkaConnectTimeoutMs;

    @Option(names = "--kafka-request-timeout", paramLabel = "MS", defaultValue = "30000",
            description = "How long one request to Kafka may take; a write waits at most twice that for Kafka's"
                    + " acknowledgement, then fails with 08006 (default: ${DEFAULT-VALUE}).")
    long kafkaRequestTimeoutMs;

    @Option(names = "--port", defaultValue = "8765", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Any other than loopback needs --users or --token.")
    String bind;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Clients log in as a user of FILE (written by: runnel server adduser --users FILE NAME).")
    Path users;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Clients log in with this password (any user name); at least 16 characters. "
                    + "Also read from $" + TOKEN_ENV + ".")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Like --token, the token being FILE's first line.")
    Path tokenFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the key and certificate in this PKCS12 or JKS key store.")
    Path keystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            description = "The key store's password (else $" + KEYSTORE_PASSWORD_ENV + ").")
    String keystorePassword;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Close a connection that sends nothing for this long, cancelling its queries (default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    private final PrintStream err;

    public ServerMain() {
        this(System.err);
    }

    ServerMain(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerMain()).execute(args));
    }

    /** Where the log is on Kafka, from the --kafka options. */
    KafkaBackend kafkaBackend() {
        KafkaBackend k = KafkaBackend.at(kafka).withNamespace(kafkaNamespace).withReplication(kafkaReplication)
                .withRequestTimeout(kafkaRequestTimeoutMs);
        return k.withConnectRetries(kafkaConnectAttempts, k.connectBackoffMs(), kafkaConnectTimeoutMs);
    }

    /** The options as {@link RunnelServer} takes them; a usage error names what is wrong. */
    ServerOptions options() throws IOException {
        Authenticator auth = null;
        String theToken = token;
        if (tokenFile != null) {
            theToken = Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        }
        if (theToken == null && users == null) {
            theToken = System.getenv(TOKEN_ENV);
        }
        if (users != null && theToken != null) {
            throw new IllegalArgumentException("give --users or --token, not both");
        }
        if (users != null) {
            UsersAuthenticator u = new UsersAuthenticator(users);
            if (u.size() == 0) {
                throw new IllegalArgumentException(users + " has no users (add one: runnel server adduser --users "
                        + users + " NAME)");
            }
            auth = u;
        } else if (theToken != null) {
            auth = new TokenAuthenticator(theToken);
        }
        ServerOptions options = ServerOptions.loopback(port).withBind(bind).withAuthenticator(auth)
                .withIdleTimeout(Duration.ofSeconds(Math.max(1, idleSeconds)));
        if (keystore != null) {
            String pw = keystorePassword != null ? keystorePassword : System.getenv(KEYSTORE_PASSWORD_ENV);
            if (pw == null) {
                throw new IllegalArgumentException("--tls-keystore needs --tls-keystore-password or $" + KEYSTORE_PASSWORD_ENV);
            }
            if (!Files.isReadable(keystore)) {
                throw new IllegalArgumentException("cannot read the key store " + keystore);
            }
            options = options.withTls(keystore, pw);
        }
        if (auth == null && !options.loopbackOnly()) {
            throw new IllegalArgumentException("refusing to listen on " + bind + " without authentication: other "
                    + "machines could connect. Give --users FILE (runnel server adduser --users FILE NAME) or "
                    + "--token TOKEN, or bind 127.0.0.1.");
        }
        return options;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions options;
        try {
            if (kafkaConnectAttempts < 1 || kafkaConnectTimeoutMs < 1 || kafkaRequestTimeoutMs < 1) {
                throw new IllegalArgumentException("--kafka-connect-attempts, --kafka-connect-timeout and"
                        + " --kafka-request-timeout must be >= 1");
            }
            options = options();
        } catch (IllegalArgumentException | IOException e) {
            err.println("runnel server: " + e.getMessage());
            return 2;
        }
        if (cluster != null && kafka == null) {
            err.println("runnel server: --cluster " + cluster + " needs --kafka HOST:PORT (the processes of a cluster"
                    + " share its catalog through Kafka)");
            return 2;
        }
        EngineConfig config;
        try {
            config = kafka == null ? EngineConfig.file(dataDir) : EngineConfig.kafka(kafkaBackend(), dataDir);
            if (cluster != null) {
                config = config.withCluster(cluster);
            }
        } catch (RuntimeException e) {
            err.println("runnel server: " + e.getMessage());
            return 2;
        }
        Engine engine;
        try {
            engine = Engines.open(config);
        } catch (RuntimeException e) {
            err.println("runnel server: cannot open " + (kafka == null ? dataDir : "the log on Kafka at " + kafka)
                    + ": " + e.getMessage());
            return 1;
        }
        RunnelServer server;
        try {
            server = RunnelServer.start(engine, options);
        } catch (RuntimeException e) {
            engine.close();
            err.println("runnel server: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return 1;
        }
        engine.serving(server.port()); // the other processes of a cluster see it in SHOW CLUSTER
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
            stopped.countDown();
        }, "runnel-server-shutdown"));
        String url = "jdbc:runnel://" + bind + ":" + server.port() + (options.keystore() != null ? ";tls=true" : "");
        err.println("runnel server: serving " + (kafka == null ? dataDir : "Kafka at " + kafka)
                + (cluster == null ? "" : " as a process of cluster " + cluster) + " at " + url
                + (options.authenticator() == null ? "" : " (log in with " + options.authenticator().describe() + ")"));
        stopped.await();
        return 0;
    }

    /** {@code runnel server adduser --users FILE NAME}: adds a user or changes a password. */
    @Command(name = "adduser", mixinStandardHelpOptions = true,
            description = "Add a user to the users file (or change the user's password). The password is asked for "
                    + "twice on a terminal, or read as one line from standard input with --password-stdin.")
    static final class AddUser implements Callable<Integer> {
        @Option(names = "--users", paramLabel = "FILE", required = true, description = "The users file (created if missing).")
        Path users;

        @Option(names = "--password-stdin", description = "Read the password from standard input (one line).")
        boolean fromStdin;

        @Parameters(paramLabel = "NAME", description = "User name: letters, digits, '_', '.', '@', '-'.")
        String name;

        @Override
        public Integer call() {
            char[] password = null;
            try {
                password = fromStdin || System.console() == null ? readLine() : ask();
                if (password == null || password.length == 0) {
                    System.err.println("runnel server adduser: no password given");
                    return 2;
                }
                if (password.length < 8) {
                    System.err.println("runnel server adduser: a password needs at least 8 characters");
                    return 2;
                }
                UsersFile.put(users, name, password);
                System.err.println("runnel server adduser: " + name + " can log in (users file " + users + ")");
                return 0;
            } catch (IllegalArgumentException | IOException e) {
                System.err.println("runnel server adduser: " + e.getMessage());
                return 1;
            } finally {
                PasswordHash.wipe(password);
            }
        }

        private static char[] readLine() throws IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }

        private static char[] ask() {
            char[] first = System.console().readPassword("Password: ");
            char[] again = System.console().readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                PasswordHash.wipe(first);
                PasswordHash.wipe(again);
                throw new IllegalArgumentException("the passwords differ");
            }
            PasswordHash.wipe(again);
            return first;
        }
    }
}
