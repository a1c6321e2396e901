package dev.runnel.planner.explain;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders an expression as readable SQL over the names of its input columns, e.g.
 * {@code price * 2}, {@code CAST(auction AS VARCHAR)}, {@code date_time > TIMESTAMP '2026-01-01 00:00:00'}.
 * Parentheses only where precedence needs them. A name that occurs more than once in the input
 * (both sides of a join) is suffixed with its position, {@code id#0}; parameters render as
 * {@code ?1}, {@code ?2}, ... (1-based, as JDBC numbers them). Immutable.
 */
public final class ExprWriter {
    private static final Map<Operator, String> INFIX = Map.ofEntries(Map.entry(Operator.PLUS, "+"),
            Map.entry(Operator.MINUS, "-"), Map.entry(Operator.TIMES, "*"), Map.entry(Operator.DIVIDE, "/"),
            Map.entry(Operator.MOD, "%"), Map.entry(Operator.EQUALS, "="), Map.entry(Operator.NOT_EQUALS, "<>"),
            Map.entry(Operator.LESS_THAN, "<"), Map.entry(Operator.LESS_THAN_OR_EQUAL, "<="),
            Map.entry(Operator.GREATER_THAN, ">"), Map.entry(Operator.GREATER_THAN_OR_EQUAL, ">="),
            Map.entry(Operator.IS_DISTINCT_FROM, "IS DISTINCT FROM"),
            Map.entry(Operator.IS_NOT_DISTINCT_FROM, "IS NOT DISTINCT FROM"), Map.entry(Operator.CONCAT, "||"),
            Map.entry(Operator.AND, "AND"), Map.entry(Operator.OR, "OR"));
    private static final Map<Operator, String> POSTFIX = Map.of(Operator.IS_NULL, "IS NULL",
            Operator.IS_NOT_NULL, "IS NOT NULL", Operator.IS_TRUE, "IS TRUE", Operator.IS_FALSE, "IS FALSE",
            Operator.IS_NOT_TRUE, "IS NOT TRUE", Operator.IS_NOT_FALSE, "IS NOT FALSE");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<String> names;

    public ExprWriter(RowSchema input) {
        Map<String, Integer> counts = new HashMap<>();
        for (Column c : input.columns()) {
            counts.merge(c.name(), 1, Integer::sum);
        }
        List<String> n = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String name = identifier(input.get(i).name());
            n.add(counts.get(input.get(i).name()) > 1 ? name + "#" + i : name);
        }
        this.names = List.copyOf(n);
    }

    /** The display name of input column {@code i}. */
    public String column(int i) {
        return i < names.size() ? names.get(i) : "$" + i;
    }

    public String write(Expr e) {
        return write(e, 0);
    }

    private String write(Expr e, int outer) {
        if (e instanceof InputRef ref) {
            return column(ref.index());
        }
        if (e instanceof Literal lit) {
            return literal(lit.value(), lit.type());
        }
        if (e instanceof DynamicParam p) {
            return "?" + (p.index() + 1);
        }
        Call c = (Call) e;
        int p = precedence(c.op());
        String s = call(c, p);
        return p < outer ? "(" + s + ")" : s;
    }

    private String call(Call c, int p) {
        List<Expr> args = c.operands();
        String infix = INFIX.get(c.op());
        if (infix != null) {
            // left-associative: later operands need parentheses at equal precedence, except for AND and OR
            boolean associative = c.op() == Operator.AND || c.op() == Operator.OR;
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                parts.add(write(args.get(i), i == 0 || associative ? p : p + 1));
            }
            return String.join(" " + infix + " ", parts);
        }
        String postfix = POSTFIX.get(c.op());
        if (postfix != null) {
            return write(args.get(0), p + 1) + " " + postfix;
        }
        return switch (c.op()) {
            case NEGATE -> "-" + write(args.get(0), p + 1);
            case NOT -> "NOT " + write(args.get(0), p);
            case LIKE -> write(args.get(0), p + 1) + " LIKE " + write(args.get(1), p + 1)
                    + (args.size() > 2 ? " ESCAPE " + write(args.get(2), p + 1) : "");
            case CASE -> caseWhen(args);
            case CAST -> "CAST(" + write(args.get(0)) + " AS " + c.type().withNullable(true).toSql() + ")";
            case EXTRACT -> "EXTRACT(" + flag(args.get(0)) + " FROM " + write(args.get(1)) + ")";
            case FLOOR_TIME -> "FLOOR(" + write(args.get(0)) + " TO " + flag(args.get(1)) + ")";
            case CEIL_TIME -> "CEIL(" + write(args.get(0)) + " TO " + flag(args.get(1)) + ")";
            case TRIM -> "TRIM(" + flag(args.get(0)) + " " + write(args.get(1)) + " FROM " + write(args.get(2)) + ")";
            case POSITION -> "POSITION(" + write(args.get(0)) + " IN " + write(args.get(1)) + ")";
            case CURRENT_TIMESTAMP -> "CURRENT_TIMESTAMP";
            default -> c.op().name() + "(" + args.stream().map(this::write).collect(Collectors.joining(", ")) + ")";
        };
    }

    private String caseWhen(List<Expr> args) {
        StringBuilder b = new StringBuilder("CASE");
        int i = 0;
        for (; i + 1 < args.size(); i += 2) {
            b.append(" WHEN ").append(write(args.get(i))).append(" THEN ").append(write(args.get(i + 1)));
        }
        if (i < args.size()) {
            b.append(" ELSE ").append(write(args.get(i)));
        }
        return b.append(" END").toString();
    }

    private String flag(Expr e) {
        return e instanceof Literal lit && lit.value() instanceof String s ? s : write(e);
    }

    private static int precedence(Operator op) {
        return switch (op) {
            case OR -> 1;
            case AND -> 2;
            case NOT -> 3;
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                    IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE,
                    IS_NOT_FALSE, LIKE -> 4;
            case PLUS, MINUS, CONCAT -> 5;
            case TIMES, DIVIDE, MOD -> 6;
            case NEGATE -> 7;
            default -> 9;
        };
    }

    /** A constant as SQL writes it, e.g. {@code 'web'}, {@code TIMESTAMP '2026-01-01 00:00:01'}, {@code INTERVAL '4' SECOND}. */
    public static String literal(Object value, DataType type) {
        if (value == null) {
            return "NULL";
        }
        return switch (type.kind()) {
            case VARCHAR -> "'" + value.toString().replace("'", "''") + "'";
            case BOOLEAN -> ((Boolean) value) ? "TRUE" : "FALSE";
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case TIMESTAMP -> timestamp((Long) value);
            case DATE -> "DATE '" + LocalDate.ofEpochDay(((Number) value).longValue()) + "'";
            case INTERVAL_DAY_TIME -> Durations.sqlInterval(((Number) value).longValue());
            case INTERVAL_YEAR_MONTH -> {
                int months = ((Number) value).intValue();
                yield months % 12 == 0 ? "INTERVAL '" + months / 12 + "' YEAR" : "INTERVAL '" + months + "' MONTH";
            }
            default -> value.toString();
        };
    }

    private static String timestamp(long millis) {
        Instant t = Instant.ofEpochMilli(millis);
        String s = TIMESTAMP.format(t.atOffset(ZoneOffset.UTC));
        long ms = Math.floorMod(millis, 1000L);
        return "TIMESTAMP '" + s + (ms == 0 ? "" : String.format(".%03d", ms)) + "'";
    }


    static String identifier(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
