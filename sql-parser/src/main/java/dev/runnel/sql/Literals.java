package dev.runnel.sql;

import dev.runnel.sql.grammar.RunnelStatementParser.IdentifierContext;
import dev.runnel.sql.grammar.RunnelStatementParser.OptionContext;
import dev.runnel.sql.grammar.RunnelStatementParser.OptionKeyContext;
import dev.runnel.sql.grammar.RunnelStatementParser.OptionValueContext;
import dev.runnel.sql.grammar.RunnelStatementParser.WithOptionsContext;
import dev.runnel.sql.grammar.RunnelStatementParser.BooleanValueContext;
import dev.runnel.sql.grammar.RunnelStatementParser.IdentifierValueContext;
import dev.runnel.sql.grammar.RunnelStatementParser.NumberValueContext;
import dev.runnel.sql.grammar.RunnelStatementParser.StringValueContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.Token;

/**
 * Reads names, string literals and {@code WITH (key = value)} options out of the parse tree:
 * quotes removed and doubled quotes unescaped, option keys lower-cased. Stateless and thread-safe.
 */
final class Literals {
    private Literals() {}

    /** A name: plain identifiers and keywords as written, double-quoted ones without the quotes. */
    static String identifier(IdentifierContext ctx, SourceText source) {
        if (ctx.QUOTED_IDENTIFIER() == null) {
            return ctx.getText();
        }
        String name = unquote(ctx.QUOTED_IDENTIFIER().getText(), '"');
        if (name.isEmpty()) {
            throw new RunnelSqlException("42000", "a quoted identifier must not be empty", source.pos(ctx));
        }
        return name;
    }

    /** The text of a single-quoted string literal token, without quotes, {@code ''} read as {@code '}. */
    static String string(Token literal) {
        return unquote(literal.getText(), '\'');
    }

    /** The options in the order written; a key given twice is an error. */
    static Map<String, String> options(WithOptionsContext ctx, SourceText source) {
        Map<String, String> options = new LinkedHashMap<>();
        if (ctx == null) {
            return options;
        }
        for (OptionContext option : ctx.option()) {
            String key = key(option.optionKey(), source);
            if (options.putIfAbsent(key, value(option.optionValue(), source)) != null) {
                throw new RunnelSqlException("42000", "option '" + key + "' is given twice", source.pos(option));
            }
        }
        return options;
    }

    /** An option key, lower-cased: {@code 'scan.start'}, {@code retention.ms}, {@code Topic}, {@code null}. */
    static String key(OptionKeyContext ctx, SourceText source) {
        String key = ctx.STRING_LITERAL() != null ? string(ctx.STRING_LITERAL().getSymbol())
                : ctx.NULL() != null ? "null"
                : dotted(ctx.identifier(), source);
        if (key.isBlank()) {
            throw new RunnelSqlException("42000", "an option key must not be empty", source.pos(ctx));
        }
        return key.toLowerCase(Locale.ROOT);
    }

    /** An option value as text: strings unquoted, numbers as written, booleans as true/false, names as written. */
    static String value(OptionValueContext ctx, SourceText source) {
        if (ctx instanceof StringValueContext s) {
            return string(s.STRING_LITERAL().getSymbol());
        } else if (ctx instanceof NumberValueContext n) {
            String number = n.INTEGER_VALUE() != null ? n.INTEGER_VALUE().getText() : n.DECIMAL_VALUE().getText();
            return n.sign != null && n.sign.getText().equals("-") ? "-" + number : number;
        } else if (ctx instanceof BooleanValueContext b) {
            return b.TRUE() != null ? "true" : "false";
        } else if (ctx instanceof IdentifierValueContext i) {
            return dotted(i.identifier(), source);
        }
        throw new IllegalStateException("unhandled option value " + ctx.getClass().getSimpleName());
    }

    private static String dotted(List<IdentifierContext> parts, SourceText source) {
        return parts.stream().map(p -> identifier(p, source)).collect(Collectors.joining("."));
    }

    private static String unquote(String quoted, char quote) {
        String q = String.valueOf(quote);
        return quoted.substring(1, quoted.length() - 1).replace(q + q, q);
    }
}
