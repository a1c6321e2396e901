package dev.runnel.exec.golden;

import dev.runnel.sql.ScriptSplitter;
import dev.runnel.sql.StatementText;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script cut into statements, each with the comments written before it (what a transcript
 * echoes) and after it up to the next statement (where a doc example writes the error it expects).
 * Statements are found by {@link ScriptSplitter}, so quoting and comments follow the engine's rules.
 * Immutable.
 */
record ScriptChunks(List<Chunk> chunks, String trailingComments) {

    /**
     * One statement: the comment lines before it (stripped, may be empty), its text without the
     * {@code ;}, the comment text after it (up to the next statement), and the line it starts on.
     */
    record Chunk(String leadingComments, String sql, String followingComments, int line) {
        /** The comments and the statement with its {@code ;}, as a transcript shows it. */
        String echo() {
            return (leadingComments.isEmpty() ? "" : leadingComments + "\n") + sql + ";";
        }
    }

    static ScriptChunks of(String script) {
        List<StatementText> statements = ScriptSplitter.split(script);
        List<Chunk> out = new ArrayList<>();
        int prevEnd = 0;
        for (int i = 0; i < statements.size(); i++) {
            StatementText st = statements.get(i);
            int end = st.offset() + st.text().length();
            int nextStart = i + 1 < statements.size() ? statements.get(i + 1).offset() : script.length();
            String following = between(script, end, nextStart);
            out.add(new Chunk(between(script, prevEnd, st.offset()), st.text(), following, st.pos().line()));
            prevEnd = end;
        }
        String trailing = statements.isEmpty() ? script.strip() : between(script, prevEnd, script.length());
        return new ScriptChunks(List.copyOf(out), trailing);
    }

    /**
     * The text between two statements with the {@code ;} that ended the first removed, blank lines
     * at either end dropped and each line's trailing spaces cut.
     */
    private static String between(String script, int from, int to) {
        String s = script.substring(from, to).stripLeading();
        if (s.startsWith(";")) {
            s = s.substring(1).stripLeading();
        }
        List<String> lines = new ArrayList<>();
        for (String l : s.split("\r?\n", -1)) {
            lines.add(l.stripTrailing());
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines);
    }

    /** The comment text of a chunk's following comments, in case the author expects an error there. */
    static List<String> commentLines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n")) {
            String t = l.strip();
            if (t.startsWith("--")) {
                out.add(t.substring(2).strip());
            }
        }
        return out;
    }
}
