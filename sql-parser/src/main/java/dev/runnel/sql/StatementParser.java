package dev.runnel.sql;

import dev.runnel.sql.grammar.RunnelStatementLexer;
import dev.runnel.sql.grammar.RunnelStatementParser;
import dev.runnel.sql.statement.Statement;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/**
 * Parses Runnel SQL scripts into {@link Statement} records. The statement envelope (DDL, SHOW,
 * SET, COPY, ...) is read by Runnel's ANTLR grammar; query bodies, INSERTs and watermark
 * expressions by Calcite, configured as {@link CalciteParsing#PARSER_CONFIG}. Every position, in
 * the records and in errors, is a 1-based line and column of the script passed in.
 *
 * <p>The only exception the parse methods throw for any input is {@link RunnelSqlException} with
 * SQLSTATE 42000 (syntax), 0A000 (unsupported type), 42S22 (unknown column in a key or
 * watermark) or 42804 (watermark column not a timestamp), positioned where the problem is.
 * Stateless and thread-safe.
 */
public final class StatementParser {

    /**
     * Parses every statement of a script, in order. Statements are separated by {@code ;}; empty
     * ones are skipped; the last needs no {@code ;}.
     *
     * @throws RunnelSqlException for the first statement that does not parse
     */
    public List<Statement> parseScript(String script) {
        List<Statement> statements = new ArrayList<>();
        LineMap lines = new LineMap(script);
        for (StatementText text : split(script)) {
            statements.add(parse(text, lines));
        }
        return statements;
    }

    /**
     * Parses exactly one statement, optionally followed by {@code ;}.
     *
     * @throws RunnelSqlException if it does not parse, or there is no statement or more than one
     */
    public Statement parse(String oneStatement) {
        List<StatementText> texts = split(oneStatement);
        if (texts.isEmpty()) {
            throw new RunnelSqlException("42000", "expected a statement, found none", new SourcePos(1, 1));
        }
        if (texts.size() > 1) {
            throw new RunnelSqlException("42000", "expected one statement, found another one here", texts.get(1).pos());
        }
        return parse(texts.get(0), new LineMap(oneStatement));
    }

    private static List<StatementText> split(String script) {
        try {
            return ScriptSplitter.split(script);
        } catch (RunnelSqlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunnelSqlException("42000", "cannot split the script into statements: " + e, SourcePos.UNKNOWN, e);
        }
    }

    private static Statement parse(StatementText text, LineMap lines) {
        try {
            SourceText source = new SourceText(text, lines);
            RunnelStatementLexer lexer = new RunnelStatementLexer(source.chars());
            lexer.removeErrorListeners();
            lexer.addErrorListener(new BaseErrorListener() {
                @Override
                public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                        String msg, RecognitionException e) {
                    // The grammar's catch-all token makes this unreachable; fail loudly rather than skip input.
                    throw new RunnelSqlException("42000", msg, text.pos());
                }
            });
            RunnelStatementParser parser = new RunnelStatementParser(new CommonTokenStream(lexer));
            parser.removeErrorListeners();
            parser.setErrorHandler(new SyntaxErrorStrategy(source));
            return new StatementBuilder(source).build(parser.statement());
        } catch (RunnelSqlException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new RunnelSqlException("42000", "statement is nested too deeply to parse", text.pos());
        } catch (RuntimeException e) {
            throw new RunnelSqlException("42000", "cannot parse statement: " + e, text.pos(), e);
        }
    }
}
