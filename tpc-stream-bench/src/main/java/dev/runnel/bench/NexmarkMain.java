package dev.runnel.bench;

import dev.runnel.bench.cluster.ClusterBenchCommand;
import dev.runnel.bench.jdbcload.JdbcLoadCommand;
import dev.runnel.bench.viewbench.ViewBenchCommand;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code runnel-bench}: Runnel's benchmarks from the command line. {@code runnel-bench nexmark ...}
 * generates Nexmark events, loads them into Runnel, runs the queries (and, with
 * {@code --compare flink}, the same ones on Apache Flink) and writes the reports; {@code runnel-bench
 * jdbc-load ...} puts remote JDBC clients on a materialized view of a server it starts; {@code
 * runnel-bench view ...} measures a view's maintenance, point lookups and freshness in one JVM; {@code
 * runnel-bench cluster ...} measures a view shared by 1, 2, 3 processes of a cluster on Kafka.
 *
 * <p>Exit codes: 0 done (queries an engine cannot run are reported, not errors), 1 the harness failed,
 * 2 bad usage.
 */
@Command(name = "runnel-bench", mixinStandardHelpOptions = true, version = "runnel-bench 0.1.0-SNAPSHOT",
        description = "Runs Runnel's benchmarks.",
        subcommands = {NexmarkCommand.class, JdbcLoadCommand.class, ViewBenchCommand.class, ClusterBenchCommand.class, CommandLine.HelpCommand.class})
public final class NexmarkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new NexmarkMain());
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (Boolean.getBoolean("runnel.bench.trace")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        System.exit(cmd.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
