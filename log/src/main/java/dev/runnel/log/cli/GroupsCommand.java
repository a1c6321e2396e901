package dev.runnel.log.cli;

import dev.runnel.log.ConsumerGroups;
import dev.runnel.log.ConsumerGroups.GroupDescription;
import dev.runnel.log.LogException;
import java.io.PrintWriter;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code groups [GROUP]}: lists consumer groups, or describes one with its members and lag. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "Lists consumer groups; with a GROUP, shows its state, members, committed offsets and lag.")
final class GroupsCommand implements Runnable {
    @ParentCommand
    LogCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP")
    String group;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (StoreSession session = cli.openStore(false)) {
            ConsumerGroups groups = session.store().groups();
            if (group == null) {
                Set<String> names = groups.listGroups();
                if (names.isEmpty()) {
                    out.println("no consumer groups");
                }
                names.forEach(out::println);
            } else {
                print(groups.describe(group), out);
            }
        } catch (UnsupportedOperationException e) {
            throw new LogException("UNSUPPORTED", "consumer groups are not available in this build of the log yet");
        }
    }

    private static void print(GroupDescription d, PrintWriter out) {
        String assignor = d.assignor() == null || d.assignor().isEmpty() ? "-" : d.assignor();
        out.println("Group " + d.groupId() + ": state=" + d.state() + " generation=" + d.generation() + " assignor="
                + assignor + " members=" + d.members().size() + " total-lag=" + d.totalLag());
        if (!d.members().isEmpty()) {
            TextTable members = new TextTable("MEMBER", "TOPICS", "ASSIGNMENT");
            for (ConsumerGroups.MemberInfo m : d.members()) {
                members.row(m.memberId(), String.join(",", new TreeSet<>(m.topics())),
                        m.assignment().stream().sorted().map(Object::toString).collect(Collectors.joining(",")));
            }
            members.print(out, "  ");
        }
        TextTable offsets = new TextTable("PARTITION", "COMMITTED", "END", "LAG").rightAlign(1, 2, 3);
        d.offsets().stream()
                .sorted((a, b) -> a.partition().compareTo(b.partition()))
                .forEach(l -> offsets.row(l.partition(), l.committedOffset(), l.logEndOffset(), l.lag()));
        offsets.print(out, "  ");
    }
}
