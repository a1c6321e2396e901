package dev.runnel.log.cli;

import dev.runnel.log.LogException;
import dev.runnel.log.embedded.EmbeddedLogStore;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code runnel-log}: the embedded log's command-line tool. Each run opens the store in
 * {@code --data-dir}, does one thing (create, produce, consume, describe, ...) and closes it.
 *
 * <p>Exit codes: 0 success, 1 an error the log reported (printed as {@code error: <message>}, no
 * stack trace), 2 bad command-line usage. Not thread-safe: one instance per run.
 */
@Command(name = "runnel-log", mixinStandardHelpOptions = true, version = "runnel-log 0.1.0-SNAPSHOT",
        description = "Creates topics in, writes to, reads from and inspects Runnel's embedded log.",
        subcommands = {CreateCommand.class, ProduceCommand.class, ConsumeCommand.class, DescribeCommand.class,
                ListCommand.class, DeleteCommand.class, AlterCommand.class, DumpCommand.class, GroupsCommand.class,
                CommandLine.HelpCommand.class})
public final class LogCli implements Runnable {
    static final Path DEFAULT_DATA_DIR = Path.of("runnel-data");

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Directory of the log store (default: ./runnel-data).")
    Path dataDir;

    private final InputStream in;
    private final EmbeddedLogStore sharedStore;

    public LogCli() {
        this(System.in, null);
    }

    /**
     * A CLI reading {@code in} as standard input; with a non-null {@code sharedStore} every command
     * works on that open store (and leaves it open) instead of opening {@code --data-dir}.
     */
    LogCli(InputStream in, EmbeddedLogStore sharedStore) {
        this.in = in;
        this.sharedStore = sharedStore;
    }

    public static void main(String[] args) {
        CommandLine cmd = commandLine(new LogCli());
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        cmd.setOut(out);
        cmd.setErr(err);
        int code;
        try {
            code = cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
        System.exit(code);
    }

    /** The picocli command line for {@code cli}, with runnel-log's error reporting. */
    static CommandLine commandLine(LogCli cli) {
        CommandLine cmd = new CommandLine(cli);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            String message = errorMessage(ex);
            if (message == null) {
                throw ex;
            }
            commandLine.getErr().println("error: " + message);
            commandLine.getErr().flush();
            return 1;
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return 2;
        });
        return cmd;
    }

    /** The one-line message for an expected failure, or null for a bug (which keeps its stack trace). */
    private static String errorMessage(Exception ex) {
        if (ex instanceof LogException || ex instanceof UncheckedIOException) {
            return ex.getMessage();
        }
        if (ex instanceof UnsupportedOperationException) {
            return "this operation is not supported by this build of the log yet";
        }
        return null;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: one of create, produce, consume, "
                + "describe, list, delete, alter, dump, groups");
    }

    Path dataDir() {
        return dataDir == null ? DEFAULT_DATA_DIR : dataDir;
    }

    InputStream in() {
        return in;
    }

    /** Whether --data-dir holds a log store (or a store was handed in). */
    boolean storeExists() {
        return sharedStore != null || Files.isDirectory(dataDir().resolve("topics"));
    }

    /**
     * Opens the store for one command. Unless {@code createIfMissing}, a directory that holds no
     * store is an error rather than a new, empty store (a mistyped --data-dir should not create one).
     */
    StoreSession openStore(boolean createIfMissing) {
        if (sharedStore != null) {
            return StoreSession.borrow(sharedStore);
        }
        Path dir = dataDir();
        if (!createIfMissing && !storeExists()) {
            throw new LogException("NO_STORE", "no Runnel log store in " + dir.toAbsolutePath().normalize()
                    + " (pass --data-dir, or create a topic there first with: runnel-log create TOPIC)");
        }
        return StoreSession.open(dir);
    }
}
