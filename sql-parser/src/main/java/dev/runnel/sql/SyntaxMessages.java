package dev.runnel.sql;

import static dev.runnel.sql.grammar.RunnelStatementParser.*;

import dev.runnel.sql.grammar.RunnelStatementParser;
import dev.runnel.sql.grammar.RunnelStatementParser.ColumnDefinitionContext;
import dev.runnel.sql.grammar.RunnelStatementParser.DropStatementContext;
import dev.runnel.sql.grammar.RunnelStatementParser.ShowStatementContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Words a syntax error in the statement envelope for people: {@code unexpected 'STREEM', expected
 * one of: STREAM, TABLE, MATERIALIZED VIEW (did you mean STREAM?)}. Keywords are named as written
 * in statements, the many tokens that can be a name collapse into "identifier", and at most
 * {@value #MAX_EXPECTED} alternatives are listed. Stateless and thread-safe.
 */
final class SyntaxMessages {
    static final int MAX_EXPECTED = 9; // every SHOW list (nine of them) is named
    private static final IntervalSet IDENTIFIER_TOKENS = first(RULE_identifier);
    private static final IntervalSet STATEMENT_STARTS = first(RULE_body);
    private static final IntervalSet TYPE_STARTS = first(RULE_dataType);
    private static final String TYPES = "BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), VARCHAR(n), TIMESTAMP(3), DATE, "
            + "INTERVAL DAY TO SECOND, INTERVAL YEAR TO MONTH";

    private SyntaxMessages() {}

    /**
     * The error for {@code offending} where {@code expected} (null if not known) would have been
     * right; positioned at the offending token.
     */
    static RunnelSqlException error(Parser parser, Token offending, IntervalSet expected, SourceText source) {
        SourcePos pos = source.pos(offending);
        if (offending.getTokenIndex() == 0 && expected != null && expected.contains(SELECT) && expected.contains(CREATE)) {
            return new RunnelSqlException("42000", unknownStatement(offending), pos);
        }
        StringBuilder message = new StringBuilder();
        List<String> names = expected == null ? List.of() : names(expected, parser.getContext());
        if (expected != null && !expected.contains(IDENTIFIER) && containsAll(expected, TYPE_STARTS)) {
            if (isWord(offending)) {
                message.append("unknown type '").append(shorten(offending.getText())).append("'");
                suggestion(offending, keywordNames(TYPE_STARTS)).ifPresent(
                        s -> message.append(" (did you mean ").append(s).append("?)"));
            } else {
                message.append("unexpected ").append(describe(offending)).append(", expected a type");
            }
            message.append("; supported types: ").append(TYPES);
            return new RunnelSqlException("42000", message.toString(), pos);
        }
        message.append("unexpected ").append(describe(offending));
        if (!names.isEmpty()) {
            message.append(", expected ");
            if (names.size() == 1) {
                message.append(names.get(0));
            } else {
                message.append("one of: ").append(String.join(", ", names.subList(0, Math.min(MAX_EXPECTED, names.size()))));
                if (names.size() > MAX_EXPECTED) {
                    message.append(", ...");
                }
            }
        }
        if (offending.getType() == BACKQUOTED_IDENTIFIER) {
            message.append(" (quote identifiers with double quotes)");
        } else if (expected != null && expected.size() == 1 && expected.contains(Token.EOF)
                && STATEMENT_STARTS.contains(offending.getType())) {
            message.append(" (is a ';' missing before it?)");
        } else if (names.size() > 1) {
            suggestion(offending, names).ifPresent(s -> message.append(" (did you mean ").append(s).append("?)"));
        }
        return new RunnelSqlException("42000", message.toString(), pos);
    }

    /** All statement starts are listed, not just eight: this is where people learn what there is. */
    private static String unknownStatement(Token first) {
        List<String> starts = keywordNames(STATEMENT_STARTS);
        starts.add("'('");
        String found = isWord(first) ? "unknown statement '" + shorten(first.getText()) + "'"
                : "unexpected " + describe(first) + " at the start of a statement";
        Optional<String> hint = suggestion(first, starts);
        return hint.map(s -> found + " (did you mean " + s + "?)")
                .orElseGet(() -> found + ", expected one of: " + String.join(", ", starts));
    }

    /** Display names of the expected tokens: keywords, then identifier, then literals and punctuation, then the end. */
    private static List<String> names(IntervalSet expected, ParserRuleContext ctx) {
        List<String> keywords = new ArrayList<>();
        List<String> others = new ArrayList<>();
        // Where a name may stand, the keywords that can be names are not listed one by one.
        boolean identifier = expected.contains(IDENTIFIER);
        boolean end = false;
        for (int type : expected.toArray()) {
            if (identifier && IDENTIFIER_TOKENS.contains(type)) {
                continue;
            } else if (type == Token.EOF) {
                end = true;
            } else if (isKeyword(type)) {
                String name = keywordName(type, ctx);
                if (!keywords.contains(name)) {
                    keywords.add(name);
                }
            } else {
                String name = otherName(type);
                if (!others.contains(name)) {
                    others.add(name);
                }
            }
        }
        List<String> names = new ArrayList<>(keywords);
        if (identifier) {
            names.add("identifier");
        }
        names.addAll(others);
        if (end) {
            names.add("end of statement");
        }
        return names;
    }

    /** A keyword as a user writes it where it is expected: MATERIALIZED VIEW after CREATE, MATERIALIZED VIEWS after SHOW. */
    private static String keywordName(int type, ParserRuleContext ctx) {
        return switch (type) {
            case MATERIALIZED -> within(ctx, ShowStatementContext.class) ? "MATERIALIZED VIEWS" : "MATERIALIZED VIEW";
            case CONSUMER -> "CONSUMER GROUPS";
            case IF -> within(ctx, DropStatementContext.class) ? "IF EXISTS" : "IF NOT EXISTS";
            case PRIMARY -> "PRIMARY KEY";
            case NOT -> within(ctx, ColumnDefinitionContext.class) ? "NOT NULL" : "NOT";
            default -> VOCABULARY.getSymbolicName(type);
        };
    }

    private static String otherName(int type) {
        return switch (type) {
            case STRING_LITERAL -> "string literal";
            case INTEGER_VALUE -> "integer";
            case DECIMAL_VALUE -> "number";
            case QUOTED_IDENTIFIER -> "quoted identifier";
            default -> {
                String literal = VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : VOCABULARY.getDisplayName(type);
            }
        };
    }

    private static List<String> keywordNames(IntervalSet set) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        for (int type : set.toArray()) {
            if (isKeyword(type)) {
                names.put(VOCABULARY.getSymbolicName(type), true);
            }
        }
        return new ArrayList<>(names.keySet());
    }

    /** A keyword token: its literal is the symbolic name in lower case ('create' for CREATE). */
    private static boolean isKeyword(int type) {
        String literal = VOCABULARY.getLiteralName(type);
        String symbol = VOCABULARY.getSymbolicName(type);
        return literal != null && symbol != null && literal.equalsIgnoreCase("'" + symbol + "'");
    }

    private static boolean isWord(Token t) {
        return t.getType() == IDENTIFIER || isKeyword(t.getType());
    }

    /** "Did you mean" among the expected keywords, matching a multi-word name by its first word. */
    private static Optional<String> suggestion(Token offending, List<String> names) {
        if (!isWord(offending)) {
            return Optional.empty();
        }
        Map<String, String> byFirstWord = new LinkedHashMap<>();
        for (String name : names) {
            if (name.matches("[A-Z][A-Z ]*")) {
                byFirstWord.putIfAbsent(name.split(" ")[0], name);
            }
        }
        return Suggestions.closest(offending.getText(), byFirstWord.keySet()).map(byFirstWord::get);
    }

    private static String describe(Token t) {
        return switch (t.getType()) {
            case Token.EOF -> "end of statement";
            case STRING_LITERAL -> "string " + shorten(t.getText());
            default -> "'" + shorten(t.getText()) + "'";
        };
    }

    private static boolean within(ParserRuleContext ctx, Class<? extends RuleContext> kind) {
        for (RuleContext c = ctx; c != null; c = c.parent) {
            if (kind.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAll(IntervalSet set, IntervalSet subset) {
        return subset.and(set).size() == subset.size();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static IntervalSet first(int rule) {
        ATN atn = RunnelStatementParser._ATN;
        return atn.nextTokens(atn.ruleToStartState[rule]);
    }
}
