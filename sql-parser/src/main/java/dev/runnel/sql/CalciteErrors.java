package dev.runnel.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.impl.ParseException;
import org.apache.calcite.sql.parser.impl.Token;
import org.apache.calcite.sql.parser.impl.TokenMgrError;

/**
 * Turns a Calcite {@link SqlParseException} into a concise {@link RunnelSqlException}: the token
 * Calcite stumbled on, at most {@value #MAX_EXPECTED} of the tokens it expected, a "did you mean"
 * for a misspelt keyword, and the position moved from body coordinates into the script's.
 * Stateless and thread-safe.
 */
final class CalciteErrors {
    static final int MAX_EXPECTED = 8;
    private static final int EOF = 0;
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");
    private static final Pattern LEXICAL = Pattern.compile("Encountered: (?:\"(.*)\" \\(\\d+\\)|<EOF>)", Pattern.DOTALL);
    private static final Set<String> STATEMENT_STARTS = Set.of("SELECT", "INSERT", "CREATE", "DROP", "SHOW", "DESCRIBE",
            "EXPLAIN", "SET", "RESET", "COPY");
    /** Calcite messages that are clearer said another way. */
    private static final Map<String, String> REWORDED = Map.of(
            "Non-query expression encountered in illegal context", "expected a query here, found an expression",
            "Query expression encountered in illegal context", "expected an expression here, found a query",
            "Percent remainder '%' is not allowed under the current SQL conformance level",
            "the % operator is not supported: write MOD(a, b)",
            "Bang equal '!=' is not allowed under the current SQL conformance level",
            "the != operator is not supported: write <>");
    private static final Pattern KEYWORD = Pattern.compile("near the keyword '([^']+)'");
    private static final Pattern LOCATION = Pattern.compile(
            "(?i)(^(from )?line \\d+, column \\d+( to line \\d+, column \\d+)?: )|( (at|near) line \\d+, column \\d+)");

    private CalciteErrors() {}

    /**
     * @param sql the body Calcite parsed
     * @param origin where the body starts in the script
     * @param unit what the body is ("statement", "expression"), for "unexpected end of ..."
     */
    static RunnelSqlException translate(SqlParseException e, String sql, SourcePos origin, String unit) {
        SourcePos end = new LineMap(sql).pos(sql.length()).relativeTo(origin);
        SourcePos at = position(e.getPos(), origin);
        Throwable cause = e.getCause();
        String message;
        boolean hasExpected = e.getExpectedTokenSequences() != null && e.getTokenImages() != null;
        if (cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null
                && hasExpected) {
            return unexpectedToken(e, pe.currentToken.next, pe.currentToken, at, end, origin, unit);
        }
        Matcher keyword = KEYWORD.matcher(String.valueOf(e.getMessage()));
        if (cause instanceof ParseException && hasExpected && keyword.find()) {
            // Calcite rewords errors at reserved words ("Incorrect syntax near the keyword 'FROM'") and drops the token.
            return unexpectedToken(e, keywordToken(keyword.group(1), e), null, at, end, origin, unit);
        }
        if (cause instanceof StackOverflowError) {
            return new RunnelSqlException("42000", "statement is nested too deeply to parse", at, e);
        }
        if (cause instanceof TokenMgrError) {
            Matcher m = LEXICAL.matcher(String.valueOf(cause.getMessage()));
            if (!m.find()) {
                message = "unexpected character";
            } else if (m.group(1) == null) {
                return new RunnelSqlException("42000", "unexpected end of " + unit, end, e);
            } else {
                String ch = unescape(m.group(1));
                message = "unexpected character '" + ch + "'"
                        + (ch.equals("`") ? " (quote identifiers with double quotes)" : "");
            }
        } else {
            message = firstLine(LOCATION.matcher(String.valueOf(e.getMessage())).replaceAll(""));
            message = REWORDED.getOrDefault(message, message);
        }
        if (message.isBlank() || message.equals("null")) {
            message = "syntax error";
        }
        return new RunnelSqlException("42000", message, at, e);
    }

    /**
     * Calcite looks ahead up to a few tokens, and its expected sequences start at the first of
     * them ({@code a = = 3}: sequences {@code "=" <expression>}). The error is where the longest
     * sequence prefix that matched stops; what was expected there is the next token of the
     * sequences that got that far.
     */
    private static RunnelSqlException unexpectedToken(SqlParseException e, Token first, Token before, SourcePos at,
            SourcePos end, SourcePos origin, String unit) {
        int[][] sequences = e.getExpectedTokenSequences();
        int depth = 1;
        for (int[] seq : sequences) {
            depth = Math.max(depth, seq.length);
        }
        List<Token> encountered = new ArrayList<>();
        for (Token t = first; t != null && encountered.size() < depth; t = t.next) {
            encountered.add(t);
            if (t.kind == EOF) {
                break;
            }
        }
        int furthest = 0;
        for (int[] seq : sequences) {
            furthest = Math.max(furthest, matched(seq, encountered));
        }
        furthest = Math.min(furthest, encountered.size() - 1);
        Set<String> names = new LinkedHashSet<>();
        for (int[] seq : sequences) {
            if (seq.length > 0 && matched(seq, encountered) == furthest) {
                String name = displayName(e.getTokenImages()[seq[furthest]], unit);
                if (name != null) {
                    names.add(name);
                }
            }
        }
        List<String> expected = summarize(names);
        Token bad = encountered.get(furthest);
        Token previous = furthest == 0 ? before : encountered.get(furthest - 1);
        if (bad.kind == EOF) {
            return new RunnelSqlException("42000",
                    "unexpected end of " + unit + expectedSuffix(expected, bad, previous), end, e);
        }
        SourcePos pos = furthest == 0 ? at : new SourcePos(bad.beginLine, bad.beginColumn).relativeTo(origin);
        String message = "unexpected '" + shorten(bad.image) + "'" + expectedSuffix(expected, bad, previous);
        return new RunnelSqlException("42000", message, pos, e);
    }

    /** A stand-in for the reserved word Calcite names in its message, with the token kind its images give it. */
    private static Token keywordToken(String word, SqlParseException e) {
        Token t = new Token();
        t.image = word;
        t.kind = -1;
        String image = "\"" + word.toUpperCase(Locale.ROOT) + "\"";
        String[] images = e.getTokenImages();
        for (int k = 0; k < images.length; k++) {
            if (images[k].equals(image)) {
                t.kind = k;
                break;
            }
        }
        return t;
    }

    /** How many leading tokens of {@code seq} were seen; always less than its length. */
    private static int matched(int[] seq, List<Token> encountered) {
        int m = 0;
        while (m < seq.length - 1 && m < encountered.size() && seq[m] == encountered.get(m).kind) {
            m++;
        }
        return m;
    }

    /** {@code , expected one of: ...} plus a "did you mean" for a misspelt keyword. */
    private static String expectedSuffix(List<String> expected, Token bad, Token previous) {
        if (expected.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(", expected ");
        if (expected.size() == 1) {
            sb.append(expected.get(0));
        } else {
            sb.append("one of: ").append(String.join(", ", expected.subList(0, Math.min(MAX_EXPECTED, expected.size()))));
            if (expected.size() > MAX_EXPECTED) {
                sb.append(", ...");
            }
        }
        List<String> keywords = expected.stream().filter(s -> WORD.matcher(s).matches()).toList();
        Optional<String> hint = isWord(bad) ? Suggestions.closest(bad.image, keywords) : Optional.empty();
        if (isWord(bad) && STATEMENT_STARTS.contains(bad.image.toUpperCase(Locale.ROOT))
                && expected.stream().anyMatch(s -> s.startsWith("end of "))) {
            sb.append(" (is a ';' missing before it?)");
        } else if (hint.isPresent()) {
            sb.append(" (did you mean ").append(hint.get()).append("?)");
        } else if (isWord(previous)) {
            // "SELECT * FORM t": Calcite takes FORM as an alias and stumbles on t.
            Suggestions.closest(previous.image, keywords).ifPresent(k ->
                    sb.append(" (did you mean ").append(k).append(" instead of '").append(previous.image).append("'?)"));
        }
        return sb.toString();
    }

    /** Expected tokens as listed, or "an expression" when they are everything an expression can start with. */
    private static List<String> summarize(Set<String> names) {
        if (names.contains("identifier") && names.contains("number") && names.contains("string literal")) {
            return List.of("an expression");
        }
        return new ArrayList<>(names);
    }

    /** {@code "FROM"} → FROM, {@code ","} → ',', {@code <IDENTIFIER>} → identifier; null for tokens not worth naming. */
    private static String displayName(String image, String unit) {
        if (image.equals("<EOF>")) {
            return "end of " + unit;
        }
        if (image.startsWith("\"") && image.endsWith("\"") && image.length() >= 2) {
            String text = unescape(image.substring(1, image.length() - 1));
            if (text.startsWith("/*") || text.startsWith("{")) {
                return null;           // hints and JDBC escapes
            }
            return WORD.matcher(text).matches() ? text.toUpperCase(Locale.ROOT) : "'" + text + "'";
        }
        String kind = image.replaceAll("[<>]", "");
        if (kind.contains("BRACKET_QUOTED") || kind.contains("BACK_QUOTED") || kind.startsWith("BIG_QUERY")
                || kind.startsWith("HINT")) {
            return null;               // quoting styles Runnel does not use
        }
        if (kind.endsWith("IDENTIFIER")) {
            return "identifier";
        }
        if (kind.endsWith("NUMERIC_LITERAL") || kind.endsWith("INTEGER_LITERAL")) {
            return "number";
        }
        if (kind.endsWith("STRING") || kind.endsWith("STRING_LITERAL")) {
            return "string literal";
        }
        return kind.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Calcite's position is relative to the body; the script's is {@link SourcePos#relativeTo} the body's origin. */
    private static SourcePos position(SqlParserPos pos, SourcePos origin) {
        if (pos == null || pos.getLineNum() < 1 || pos.getColumnNum() < 1) {
            return origin;
        }
        return new SourcePos(pos.getLineNum(), pos.getColumnNum()).relativeTo(origin);
    }

    private static boolean isWord(Token t) {
        return t != null && t.kind != EOF && t.image != null && WORD.matcher(t.image).matches();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static String unescape(String s) {
        return s.replace("\\'", "'").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
