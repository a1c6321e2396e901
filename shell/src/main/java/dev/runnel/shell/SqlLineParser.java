package dev.runnel.shell;

import dev.runnel.shell.script.SqlScript;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when interactive input is a whole statement: at a {@code ;} outside literals and
 * comments, or a shell command ({@code \q}, {@code quit}, {@code exit}, {@code help}). Until then
 * Enter continues the statement on a new line. Stateless.
 */
final class SqlLineParser implements Parser {

    static boolean isCommand(String input) {
        String t = input.strip();
        return t.startsWith("\\") || t.equalsIgnoreCase("quit") || t.equalsIgnoreCase("exit")
                || t.equalsIgnoreCase("help");
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isCommand(line) && !SqlScript.isComplete(line)) {
            throw new EOFError(-1, cursor, "statement continues; end it with ;");
        }
        int start = Math.min(cursor, line.length());
        while (start > 0 && isWordChar(line.charAt(start - 1))) {
            start--;
        }
        return new WholeLine(line, cursor, start);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The input, with the identifier before the cursor as the word being completed. */
    private record WholeLine(String line, int cursor, int wordStart) implements CompletingParsedLine {
        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return cursor - wordStart;
        }

        @Override
        public int rawWordLength() {
            return cursor - wordStart;
        }

        @Override
        public String word() {
            return line.substring(wordStart, Math.min(cursor, line.length()));
        }

        @Override
        public int wordCursor() {
            return cursor - wordStart;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }
    }
}
