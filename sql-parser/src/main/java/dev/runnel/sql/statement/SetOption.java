package dev.runnel.sql.statement;

import dev.runnel.sql.SourcePos;

/**
 * {@code SET 'key' = 'value'} (quotes optional for simple keys and values); {@code RESET 'key'}
 * is a SetOption with a null value. Immutable.
 */
public record SetOption(String key, String value, SourcePos pos, String text) implements Statement {}
