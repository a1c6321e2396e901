package dev.runnel.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.sql.statement.Statement;

/** Shortcuts for tests: parse one statement as a given record type, or capture the error a script raises. */
final class Parsing {
    private static final StatementParser PARSER = new StatementParser();

    private Parsing() {}

    static <T extends Statement> T parse(String sql, Class<T> type) {
        Statement statement = PARSER.parse(sql);
        assertThat(statement).isInstanceOf(type);
        return type.cast(statement);
    }

    static RunnelSqlException error(String script) {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> PARSER.parseScript(script));
        assertThat(e).as("error for %s", script).isNotNull();
        return e;
    }
}
