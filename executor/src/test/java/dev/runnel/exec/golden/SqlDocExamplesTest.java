package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.StatementResult;
import dev.runnel.sql.RunnelSqlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every SQL example in {@code docs/sql.md} runs, in the order the reference shows them, in one
 * in-memory engine (later examples build on the running example created at the top):
 *
 * <ul>
 *   <li>a {@code ```sql} block: every statement must succeed (queries are read to the end, so run
 *       time errors count too);
 *   <li>a {@code ```sql-error} block: every statement must fail with an error; a comment
 *       {@code -- ERROR <SQLSTATE>: <message>} after a statement must be exactly the error it gives;
 *   <li>a {@code ```result} block right after a {@code ```sql} block: the rows of that block's last
 *       statement, as a table without the line of types (rows sorted unless the query has ORDER
 *       BY; for EXPLAIN, the plan's lines), must be exactly the block's text.
 * </ul>
 *
 * COPY paths are relative to the repository root ({@code docs/examples/...}), found by walking up
 * from the working directory. Run it alone with
 * {@code mvn -B test -pl executor -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SqlDocExamplesTest};
 * with {@code -Drunnel.golden.update=true} it rewrites the {@code ```result} blocks with what the
 * engine returns (an empty block is how a new result starts) — check them before committing.
 */
class SqlDocExamplesTest {
    private static final boolean UPDATE = Boolean.getBoolean("runnel.golden.update");

    /** A result block's new text, for the update mode. */
    private record Rewrite(MarkdownBlocks.Block block, String text) {}

    @Test
    void everyExampleInTheSqlReferenceDoesWhatItShows() throws IOException {
        Path root = repositoryRoot();
        Path doc = root.resolve("docs/sql.md");
        List<MarkdownBlocks.Block> blocks = MarkdownBlocks.of(Files.readString(doc, StandardCharsets.UTF_8));
        assertThat(blocks).as("code blocks in " + doc).anyMatch(b -> b.info().equals("sql"));
        List<String> failures = new ArrayList<>();
        List<Rewrite> rewrites = new ArrayList<>();
        CopyPaths paths = new CopyPaths(root);
        EngineConfig config = EngineConfig.memory().withClock(Clock.fixed(SqlGoldenTest.NOW, ZoneOffset.UTC));
        try (Engine engine = Engines.open(config); Session session = engine.openSession()) {
            for (int i = 0; i < blocks.size(); i++) {
                MarkdownBlocks.Block b = blocks.get(i);
                MarkdownBlocks.Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
                switch (b.info()) {
                    case "sql" -> runBlock(session, paths, b,
                            next != null && next.info().equals("result") ? next : null, failures, rewrites);
                    case "sql-error" -> runErrorBlock(session, paths, b, failures);
                    case "result" -> {
                        if (i == 0 || !blocks.get(i - 1).info().equals("sql")) {
                            failures.add("line " + b.firstLine() + ": a result block must follow a sql block");
                        }
                    }
                    default -> {
                        // bash, text, java: not run
                    }
                }
            }
        }
        if (UPDATE && !rewrites.isEmpty()) {
            Files.writeString(doc, rewrite(Files.readString(doc, StandardCharsets.UTF_8), rewrites),
                    StandardCharsets.UTF_8);
        }
        assertThat(failures).as("examples in docs/sql.md that do not do what the reference says").isEmpty();
    }

    /** The Markdown with each rewritten result block's lines replaced (from the bottom, so line numbers hold). */
    private static String rewrite(String markdown, List<Rewrite> rewrites) {
        List<String> lines = new ArrayList<>(List.of(markdown.split("\n", -1)));
        for (int i = rewrites.size() - 1; i >= 0; i--) {
            Rewrite r = rewrites.get(i);
            int from = r.block().firstLine() - 1;
            int count = (int) r.block().text().lines().count();
            for (int k = 0; k < count; k++) {
                lines.remove(from);
            }
            lines.addAll(from, List.of(r.text().split("\n")));
        }
        return String.join("\n", lines);
    }

    private static void runBlock(Session session, CopyPaths paths, MarkdownBlocks.Block b, MarkdownBlocks.Block result,
            List<String> failures, List<Rewrite> rewrites) {
        List<ScriptChunks.Chunk> statements = ScriptChunks.of(b.text()).chunks();
        for (int s = 0; s < statements.size(); s++) {
            ScriptChunks.Chunk c = statements.get(s);
            String where = "line " + (b.firstLine() + c.line() - 1) + ": " + firstLine(c.sql());
            boolean last = s == statements.size() - 1;
            try (StatementResult r = session.execute(paths.resolve(c.sql()))) {
                if (!(r instanceof RowResult rows)) {
                    if (last && result != null) {
                        failures.add(where + ": a result block follows, but the statement returns no rows");
                    }
                    continue;
                }
                if (rows.unbounded()) {
                    rows.cancel();
                    failures.add(where + ": a push query never ends; show it as coming, not as an example");
                    continue;
                }
                boolean explain = Transcript.EXPLAIN.matcher(c.sql()).matches();
                String text = explain ? Transcript.planLines(rows)
                        : ResultText.table(rows.columns(), Transcript.renderedRows(rows, c.sql()), false);
                if (last && result != null) {
                    String actual = paths.relativize(text);
                    if (!actual.equals(result.text()) && UPDATE) {
                        rewrites.add(new Rewrite(result, actual));
                    } else if (!actual.equals(result.text())) {
                        failures.add(where + ": rows differ from the result block on line " + result.firstLine()
                                + " (- documented, + actual):\n" + TextDiff.unified(result.text(), actual));
                    }
                }
            } catch (RunnelSqlException e) {
                failures.add(where + ": ERROR " + e.sqlState() + ": " + paths.relativize(e.getMessage()));
            }
        }
    }

    private static void runErrorBlock(Session session, CopyPaths paths, MarkdownBlocks.Block b, List<String> failures) {
        List<ScriptChunks.Chunk> statements;
        try {
            statements = ScriptChunks.of(b.text()).chunks();
        } catch (RunnelSqlException e) {
            return; // the script itself does not split (an unterminated string): that is the error shown
        }
        for (ScriptChunks.Chunk c : statements) {
            String where = "line " + (b.firstLine() + c.line() - 1) + ": " + firstLine(c.sql());
            String expected = ScriptChunks.commentLines(c.followingComments()).stream()
                    .filter(l -> l.startsWith("ERROR ")).findFirst().orElse(null);
            try (StatementResult r = session.execute(paths.resolve(c.sql()))) {
                if (r instanceof RowResult rows && !rows.unbounded()) {
                    Transcript.renderedRows(rows, c.sql()); // a run time error shows while reading
                }
                failures.add(where + ": expected an error, but it succeeded");
            } catch (RunnelSqlException e) {
                String actual = "ERROR " + e.sqlState() + ": " + paths.relativize(e.getMessage());
                if (expected != null && !expected.equals(actual)) {
                    failures.add(where + ": the documented error differs\n  documented: " + expected
                            + "\n  actual:     " + actual);
                }
            }
        }
    }

    private static String firstLine(String sql) {
        return sql.lines().findFirst().orElse("");
    }

    /** The directory with docs/sql.md, from the working directory (a module's) upwards. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/sql.md"))) {
                return p;
            }
        }
        throw new AssertionError("no docs/sql.md in " + dir + " or any directory above it");
    }
}
