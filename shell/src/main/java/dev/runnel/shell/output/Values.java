package dev.runnel.shell.output;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The text of a result value, as every output format writes it: TIMESTAMP as
 * {@code yyyy-MM-dd HH:mm:ss.SSS}, DATE as {@code yyyy-MM-dd}, BOOLEAN as {@code true}/{@code false},
 * DECIMAL in plain notation (never {@code 1E+3}); null stays null (each format shows it its own way).
 * Stateless.
 */
public final class Values {
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Values() {}

    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime t) {
            return TIMESTAMP.format(t);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }
}
