package dev.runnel.exec.search;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.RowSchema;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random search conditions and events over one schema, drawn from small domains so that equalities,
 * ranges, prefixes and tokens often hold: every kind of conjunct the index knows (on both sides of
 * the comparison), and conjuncts it does not (NOT, IS NULL, arithmetic, LIKE with inner wildcards),
 * nested in AND and OR. Events carry NULLs.
 */
final class RandomSearches {
    static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);
    static final RowSchema SCHEMA = new RowSchema(List.of(
            new Column("a", DataType.of(TypeKind.BIGINT)),
            new Column("i", DataType.of(TypeKind.INT)),
            new Column("d", DataType.of(TypeKind.DOUBLE)),
            new Column("s", DataType.varchar()),
            new Column("t", DataType.varchar()),
            new Column("ts", DataType.of(TypeKind.TIMESTAMP))));
    private static final String[] STRINGS = {"", "a", "ab", "abc", "abd", "b", "ba", "Ab", "é", "éa", "zz", "a_b",
        "a%", "_b", "a\\", "abxc"};
    private static final String[] TEXTS = {"the quick fox", "Quick, brown FOX!", "fox", "über Straße 12", "a-b c",
        "", "12 apples", "apple pie", "x", "QUICK"};
    private static final String[] WORDS = {"fox", "FOX", "quick", "apple", "apples", "12", "über", "ÜBER", "straße",
        "a", "b", "a-b", "", "pie", "zz"};
    private static final String[] PATTERNS = {"a%", "ab%", "%", "abc", "", "é%", "%b", "a_", "b%", "z%", "ab%c",
        "a%b%", "_b%"};
    private static final String[] ESCAPED = {"a\\_%", "a\\%", "\\_b%", "a\\\\%", "ab_%", "a%c", "a\\_b"};
    private static final Operator[] COMPARISONS = {Operator.EQUALS, Operator.NOT_EQUALS, Operator.LESS_THAN,
        Operator.LESS_THAN_OR_EQUAL, Operator.GREATER_THAN, Operator.GREATER_THAN_OR_EQUAL};

    private final Random random;

    RandomSearches(long seed) {
        random = new Random(seed);
    }

    Expr condition(int depth) {
        int k = random.nextInt(depth <= 0 ? 6 : 9);
        if (k >= 6) {
            Operator op = k == 8 ? Operator.OR : Operator.AND;
            List<Expr> operands = new ArrayList<>();
            int n = 2 + random.nextInt(2);
            for (int j = 0; j < n; j++) {
                operands.add(condition(depth - 1));
            }
            return new Call(random.nextInt(2) == 0 ? op : Operator.OR, operands, BOOLEAN);
        }
        return switch (k) {
            case 0, 1 -> comparison();
            case 2 -> like();
            case 3 -> token();
            case 4 -> residual();
            default -> comparison();
        };
    }

    private Expr comparison() {
        int col = random.nextInt(SCHEMA.size());
        Operator op = random.nextInt(3) == 0 ? Operator.EQUALS : COMPARISONS[random.nextInt(COMPARISONS.length)];
        Expr ref = ref(col);
        Expr lit = literal(col);
        return random.nextInt(4) == 0 ? call(op, lit, ref) : call(op, ref, lit);
    }

    private Expr like() {
        int col = random.nextBoolean() ? 3 : 4;
        if (random.nextInt(3) == 0) {
            return new Call(Operator.LIKE, List.of(ref(3), new Literal(pick(ESCAPED), DataType.varchar()),
                    new Literal("\\", DataType.varchar())), BOOLEAN);
        }
        return call(Operator.LIKE, ref(col), new Literal(pick(PATTERNS), DataType.varchar()));
    }

    private Expr token() {
        int col = random.nextInt(4) == 0 ? 3 : 4;
        return new Call(Operator.CONTAINS_TOKEN, List.of(ref(col), new Literal(pick(WORDS), DataType.varchar())),
                BOOLEAN);
    }

    private Expr residual() {
        return switch (random.nextInt(4)) {
            case 0 -> new Call(Operator.NOT, List.of(comparison()), BOOLEAN);
            case 1 -> new Call(Operator.IS_NULL, List.of(ref(random.nextInt(SCHEMA.size()))), BOOLEAN);
            case 2 -> call(Operator.GREATER_THAN, new Call(Operator.PLUS, List.of(ref(0),
                    new Literal(1L, DataType.of(TypeKind.BIGINT))), DataType.of(TypeKind.BIGINT)), literal(0));
            default -> call(Operator.LIKE, ref(3), new Literal("%b%", DataType.varchar()));
        };
    }

    private static Expr call(Operator op, Expr left, Expr right) {
        return new Call(op, List.of(left, right), BOOLEAN);
    }

    private static Expr ref(int col) {
        return new InputRef(col, SCHEMA.get(col).type());
    }

    private Expr literal(int col) {
        DataType t = SCHEMA.get(col).type();
        return new Literal(value(col), t);
    }

    private Object value(int col) {
        return switch (col) {
            case 0 -> (long) (random.nextInt(11) - 5);
            case 1 -> random.nextInt(11) - 5;
            case 2 -> (random.nextInt(21) - 10) / 4.0;
            case 3 -> pick(STRINGS);
            case 4 -> pick(TEXTS);
            default -> 1_700_000_000_000L + random.nextInt(5) * 1000L;
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    List<List<Object>> events(int n) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[SCHEMA.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt(8) == 0 ? null : value(c);
            }
            if (row[2] != null && random.nextInt(10) == 0) {
                row[2] = -0.0;
            }
            rows.add(Arrays.asList(row));
        }
        return rows;
    }
}
