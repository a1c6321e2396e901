package dev.runnel.shell;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code runnel bench}: will run the Nexmark benchmark; not built yet. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run benchmarks (not available yet).")
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    RunnelShell parent;

    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        parent.err().println("runnel bench: not available yet");
        return 1;
    }
}
