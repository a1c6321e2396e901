package dev.runnel.shell;

import dev.runnel.jdbc.RunnelConnection;
import dev.runnel.jdbc.RunnelDriver;
import dev.runnel.shell.output.OutputFormat;
import dev.runnel.shell.script.ScriptStatement;
import dev.runnel.shell.script.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/runnel}: runs statements given with {@code -e} or in a file ({@code -f}) and exits, or
 * opens the interactive shell. Talks to Runnel only through JDBC ({@code --url}, by default the
 * embedded engine in {@code --data-dir}). Exit codes: 0 done, 1 a statement or the connection
 * failed, 2 bad command line. One run per instance.
 */
@Command(name = "runnel", mixinStandardHelpOptions = true, versionProvider = RunnelShell.Version.class,
        sortOptions = false, usageHelpWidth = 100,
        description = "SQL over streams. Without -e or -f: an interactive shell.",
        subcommands = {ServerCommand.class, BenchCommand.class})
public final class RunnelShell implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./runnel-data",
            description = "Where the embedded engine keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Keep the embedded engine's log in this Kafka cluster (--data-dir: its checkpoints).")
    String kafka;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "With --kafka: be one process of cluster NAME, sharing its catalog (and Kafka namespace NAME.).")
    String cluster;

    @Option(names = "--url", paramLabel = "JDBC-URL",
            description = "Connect here instead, e.g. jdbc:runnel:mem: or jdbc:runnel://host:port.")
    String url;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Run these statements (separated by ;) and exit.")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Run the statements in FILE (- for standard input) and exit; stops at the first error.")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = FormatConverter.class, description = "Result format for -e and -f: csv, table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final TerminalFactory terminals;
    private final Path historyFile;

    /** Opens the terminal for the interactive shell. */
    @FunctionalInterface
    interface TerminalFactory {
        Terminal open() throws IOException;
    }

    public RunnelShell() {
        this(System.in, System.out, System.err,
                () -> TerminalBuilder.builder().name("runnel").system(true).build(),
                Path.of(System.getProperty("user.home"), ".runnel_history"));
    }

    RunnelShell(InputStream in, PrintStream out, PrintStream err, TerminalFactory terminals, Path historyFile) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminals = terminals;
        this.historyFile = historyFile;
    }

    public static void main(String[] args) {
        System.exit(new RunnelShell().execute(args));
    }

    /** Parses {@code args}, runs, and returns the exit code. */
    int execute(String... args) {
        CommandLine cmd = new CommandLine(this)
                .setOut(writer(out))
                .setErr(writer(err));
        return cmd.execute(args);
    }

    PrintStream err() {
        return err;
    }

    @Override
    public Integer call() {
        if (execute != null && file != null) {
            err.println("runnel: use -e or -f, not both");
            return 2;
        }
        if (cluster != null && (kafka == null || url != null)) {
            err.println("runnel: --cluster " + cluster + " needs --kafka HOST:PORT (the processes of a cluster share"
                    + " its catalog through Kafka)" + (url != null ? "; with --url, add ;cluster=NAME to a"
                    + " jdbc:runnel:kafka:// URL instead" : ""));
            return 2;
        }
        if (cluster != null && !cluster.matches("[A-Za-z0-9._-]{1,100}")) {
            err.println("runnel: bad cluster name '" + cluster + "': use 1 to 100 letters, digits, '.', '_' or '-'");
            return 2;
        }
        String script = null;
        String source = null;
        if (file != null) {
            try {
                script = file.equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
                source = file.equals("-") ? "<stdin>" : file;
            } catch (NoSuchFileException e) {
                err.println("runnel: " + file + ": no such file");
                return 1;
            } catch (IOException e) {
                err.println("runnel: cannot read " + file + ": " + e.getMessage());
                return 1;
            }
        } else if (execute != null) {
            script = execute;
        }
        String jdbcUrl = url != null ? url : kafka != null ? "jdbc:runnel:kafka://" + kafka + ";dataDir=" + dataDir
                + (cluster == null ? "" : ";cluster=" + cluster)
                : "jdbc:runnel:file:" + dataDir;
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            PrintWriter stdout = writer(out);
            PrintWriter stderr = writer(err);
            if (connection.isWrapperFor(RunnelConnection.class)) {
                PrintWriter progress = script == null ? null : stderr;
                connection.unwrap(RunnelConnection.class).setProgressListener(line -> {
                    PrintWriter w = progress != null ? progress : stdout;
                    w.println(line);
                    w.flush();
                });
            }
            if (script != null) {
                return runScript(connection, script, source, stdout, stderr);
            }
            try (Terminal terminal = terminals.open()) {
                return new Repl(connection, terminal, historyFile, output, banner(connection, jdbcUrl)).run();
            }
        } catch (SQLException e) {
            err.println("runnel: cannot connect to " + jdbcUrl + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("runnel: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    private int runScript(Connection connection, String script, String source, PrintWriter stdout, PrintWriter stderr) {
        PrintWriter messages = output == OutputFormat.TABLE ? stdout : stderr;
        StatementRunner runner = new StatementRunner(connection, output, stdout, messages, stderr);
        List<ScriptStatement> statements = SqlScript.split(script);
        for (ScriptStatement statement : statements) {
            try {
                runner.run(statement);
            } catch (SQLException e) {
                stdout.flush();
                stderr.println(StatementRunner.describe(e, statement, source));
                stderr.flush();
                return 1;
            }
        }
        stdout.flush();
        return 0;
    }

    private static String banner(Connection connection, String jdbcUrl) throws SQLException {
        return "Runnel " + connection.getMetaData().getDatabaseProductVersion() + " on " + jdbcUrl + "\n"
                + "End statements with ;  Ctrl-C cancels a query, \\q quits, \\? helps.";
    }

    private static PrintWriter writer(OutputStream s) {
        return new PrintWriter(new java.io.OutputStreamWriter(s, StandardCharsets.UTF_8), true);
    }

    /** csv, table or json, in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected csv, table or json but was '" + value + "'");
            }
        }
    }

    /** The version the driver reports. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"runnel " + RunnelDriver.version()};
        }
    }
}
