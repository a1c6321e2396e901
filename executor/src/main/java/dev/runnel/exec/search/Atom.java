package dev.runnel.exec.search;

import dev.runnel.exec.expr.fn.LikeMatcher;
import dev.runnel.exec.expr.fn.Tokens;
import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * One simple conjunct of a search condition, a column compared with a constant, that the index can
 * use as an access path and that {@link #test} checks on a row in place (no boxing, no copy):
 * {@code col op literal} for op in =, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;= on integer, timestamp, date
 * and DOUBLE columns (as {@link #key} longs) and on VARCHAR (UTF-8 bytes, unsigned order, the
 * order compiled comparisons use); {@code col LIKE 'prefix%'} (and LIKE without wildcards, which is
 * =; other patterns are checked by a {@link LikeMatcher} and found through their literal prefix);
 * {@code CONTAINS_TOKEN(col, 'word')}. Every atom is FALSE on NULL, as its SQL is never TRUE
 * there. Immutable.
 */
abstract class Atom {
    enum Op { EQ, NE, LT, LE, GT, GE }

    /** How a numeric column's values become ordered {@code long} keys. */
    enum KeyKind { LONG8, INT4, DOUBLE8 }

    final int column;

    Atom(int column) {
        this.column = column;
    }

    /** Whether the atom is TRUE on {@code row} of {@code v}, whose value there is not NULL. */
    abstract boolean test(FieldVector v, int row);

    /** The key of a numeric value: the value itself, or for DOUBLE its bits ordered like the doubles. */
    static long key(FieldVector v, int row, KeyKind kind) {
        ArrowBuf data = v.getDataBuffer();
        return switch (kind) {
            case LONG8 -> data.getLong((long) row * 8);
            case INT4 -> data.getInt((long) row * 4);
            case DOUBLE8 -> sortable(data.getDouble((long) row * 8));
        };
    }

    static long sortable(double d) {
        long bits = Double.doubleToLongBits(d + 0.0); // -0.0 is 0.0
        return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
    }

    static KeyKind keyKind(TypeKind kind) {
        return switch (kind) {
            case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> KeyKind.LONG8;
            case INT, DATE, INTERVAL_YEAR_MONTH -> KeyKind.INT4;
            case DOUBLE -> KeyKind.DOUBLE8;
            default -> null;
        };
    }

    /** {@code col op k} over numeric keys. */
    static final class Numeric extends Atom {
        final Op op;
        final long k;
        final KeyKind kind;

        Numeric(int column, Op op, long k, KeyKind kind) {
            super(column);
            this.op = op;
            this.k = k;
            this.kind = kind;
        }

        @Override
        boolean test(FieldVector v, int row) {
            long x = key(v, row, kind);
            return switch (op) {
                case EQ -> x == k;
                case NE -> x != k;
                case LT -> x < k;
                case LE -> x <= k;
                case GT -> x > k;
                case GE -> x >= k;
            };
        }

        /** The closed interval of keys this comparison accepts (lo &gt; hi: none); not for NE. */
        long lo() {
            return switch (op) {
                case GT -> k == Long.MAX_VALUE ? Long.MAX_VALUE : k + 1;
                case GE, EQ -> k;
                default -> Long.MIN_VALUE;
            };
        }

        long hi() {
            return switch (op) {
                case LT -> k == Long.MIN_VALUE ? Long.MIN_VALUE : k - 1;
                case LE, EQ -> k;
                case GT -> k == Long.MAX_VALUE ? Long.MIN_VALUE : Long.MAX_VALUE;
                default -> Long.MAX_VALUE;
            };
        }
    }

    /** {@code col op 'text'} over UTF-8 bytes. */
    static final class Text extends Atom {
        final Op op;
        final byte[] k;

        Text(int column, Op op, byte[] k) {
            super(column);
            this.op = op;
            this.k = k;
        }

        @Override
        boolean test(FieldVector v, int row) {
            BaseVariableWidthVector s = (BaseVariableWidthVector) v;
            ArrowBuf data = s.getDataBuffer();
            long start = s.getStartOffset(row);
            int len = s.getEndOffset(row) - (int) start;
            if (op == Op.EQ || op == Op.NE) {
                boolean eq = len == k.length && equalAt(data, start, k, k.length);
                return eq == (op == Op.EQ);
            }
            int c = 0;
            int n = Math.min(len, k.length);
            for (int i = 0; i < n && c == 0; i++) {
                c = Integer.compare(data.getByte(start + i) & 0xFF, k[i] & 0xFF);
            }
            if (c == 0) {
                c = Integer.compare(len, k.length);
            }
            return switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                default -> c >= 0;
            };
        }
    }

    /** {@code col LIKE 'prefix%'}. */
    static final class Prefix extends Atom {
        final byte[] prefix;

        Prefix(int column, byte[] prefix) {
            super(column);
            this.prefix = prefix;
        }

        @Override
        boolean test(FieldVector v, int row) {
            BaseVariableWidthVector s = (BaseVariableWidthVector) v;
            long start = s.getStartOffset(row);
            return s.getEndOffset(row) - start >= prefix.length && equalAt(s.getDataBuffer(), start, prefix, prefix.length);
        }
    }

    /** {@code CONTAINS_TOKEN(col, 'word')}, the word lower-cased ({@link Tokens}). */
    static final class Token extends Atom implements Tokens.Sink {
        final byte[] word;
        private byte[] scratch = new byte[64];
        private boolean found;

        Token(int column, byte[] word) {
            super(column);
            this.word = word;
        }

        @Override
        boolean test(FieldVector v, int row) {
            BaseVariableWidthVector s = (BaseVariableWidthVector) v;
            int start = (int) s.getStartOffset(row);
            int end = s.getEndOffset(row);
            if (scratch.length < end - start) {
                scratch = new byte[end - start];
            }
            found = false;
            Tokens.tokens(s.getDataBuffer(), start, end, scratch, this);
            return found;
        }

        @Override
        public void token(byte[] bytes, int length) {
            found |= length == word.length && Arrays.equals(bytes, 0, length, word, 0, length);
        }
    }

    static boolean equalAt(ArrowBuf data, long start, byte[] k, int n) {
        for (int i = 0; i < n; i++) {
            if (data.getByte(start + i) != k[i]) {
                return false;
            }
        }
        return true;
    }

    /** The marker for a conjunct that is never TRUE (a token match of a word that is not one token). */
    static final Atom NEVER = new Atom(-1) {
        @Override
        boolean test(FieldVector v, int row) {
            return false;
        }
    };

    /** The atom {@code e} is, over columns of {@code types}, or null when it is not one. */
    static Atom of(Expr e, List<DataType> types) {
        if (!(e instanceof Call c)) {
            return null;
        }
        List<Expr> ops = c.operands();
        if (c.op() == Operator.LIKE && column(ops.get(0)) >= 0 && ops.get(1) instanceof Literal l
                && l.value() instanceof String pattern) {
            return like(column(ops.get(0)), pattern, ops.size() > 2 ? ops.get(2) : null, types);
        }
        if (c.op() == Operator.CONTAINS_TOKEN && ops.size() == 2 && column(ops.get(0)) >= 0
                && ops.get(1) instanceof Literal l && l.value() instanceof String word) {
            int col = column(ops.get(0));
            String w = Tokens.normalizedWord(word);
            return w == null ? NEVER : new Token(col, utf8(w));
        }
        Op op = switch (c.op()) {
            case EQUALS -> Op.EQ;
            case NOT_EQUALS -> Op.NE;
            case LESS_THAN -> Op.LT;
            case LESS_THAN_OR_EQUAL -> Op.LE;
            case GREATER_THAN -> Op.GT;
            case GREATER_THAN_OR_EQUAL -> Op.GE;
            default -> null;
        };
        if (op == null || ops.size() != 2) {
            return null;
        }
        int col = column(ops.get(0));
        Expr other = ops.get(1);
        if (col < 0) {
            col = column(ops.get(1));
            other = ops.get(0);
            op = flip(op);
        }
        if (col < 0 || !(other instanceof Literal lit) || lit.value() == null) {
            return null;
        }
        TypeKind kind = types.get(col).kind();
        Object v = lit.value();
        if (kind == TypeKind.VARCHAR) {
            return v instanceof String s ? new Text(col, op, utf8(s)) : null;
        }
        KeyKind keys = keyKind(kind);
        if (keys == KeyKind.DOUBLE8) {
            return v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer
                    ? new Numeric(col, op, sortable(((Number) v).doubleValue()), keys) : null;
        }
        if (keys != null && (v instanceof Long || v instanceof Integer)) {
            return new Numeric(col, op, ((Number) v).longValue(), keys);
        }
        return null;
    }

    /** The input column of {@code e}: a column, or a column cast without changing its values (INT to BIGINT, a
     * type to itself except VARCHAR and DECIMAL, whose lengths and scales may cut); else -1. */
    private static int column(Expr e) {
        if (e instanceof InputRef r) {
            return r.index();
        }
        if (e instanceof Call c && c.op() == Operator.CAST && c.operands().get(0) instanceof InputRef r) {
            TypeKind from = r.type().kind();
            TypeKind to = c.type().kind();
            if (from == to && from != TypeKind.DECIMAL && from != TypeKind.VARCHAR
                    || from == TypeKind.INT && to == TypeKind.BIGINT) {
                return r.index();
            }
        }
        return -1;
    }

    private static Op flip(Op op) {
        return switch (op) {
            case LT -> Op.GT;
            case LE -> Op.GE;
            case GT -> Op.LT;
            case GE -> Op.LE;
            default -> op;
        };
    }

    /**
     * {@code col LIKE pattern [ESCAPE e]}: = when the pattern has no wildcard, a {@link Prefix} when
     * its only wildcard is a last {@code %}, else a {@link Like} (found through the literal text
     * before its first wildcard, if any); null when the escape is not a constant of one character or
     * the pattern is bad (the compiled condition then reports it, row by row).
     */
    private static Atom like(int col, String pattern, Expr escapeExpr, List<DataType> types) {
        if (types.get(col).kind() != TypeKind.VARCHAR) {
            return null;
        }
        int escape = -1;
        if (escapeExpr != null) {
            if (!(escapeExpr instanceof Literal e) || !(e.value() instanceof String s) || s.length() != 1) {
                return null;
            }
            escape = s.charAt(0);
        }
        LikeMatcher matcher;
        try {
            matcher = LikeMatcher.compile(pattern, escape < 0 ? null : String.valueOf((char) escape));
        } catch (RuntimeException bad) {
            return null;
        }
        StringBuilder literal = new StringBuilder();
        int i = 0;
        for (; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == escape && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (ch == '%' || ch == '_') {
                break;
            } else {
                literal.append(ch);
            }
        }
        if (i == pattern.length()) {
            return new Text(col, Op.EQ, utf8(literal.toString()));
        }
        if (i == pattern.length() - 1 && pattern.charAt(i) == '%') {
            return new Prefix(col, utf8(literal.toString()));
        }
        return new Like(col, matcher, utf8(literal.toString()));
    }

    /** {@code col LIKE pattern} of any other shape; {@code prefix} is the literal text before its first wildcard. */
    static final class Like extends Atom {
        final LikeMatcher matcher;
        final byte[] prefix;

        Like(int column, LikeMatcher matcher, byte[] prefix) {
            super(column);
            this.matcher = matcher;
            this.prefix = prefix;
        }

        @Override
        boolean test(FieldVector v, int row) {
            BaseVariableWidthVector s = (BaseVariableWidthVector) v;
            return matcher.matches(s.getDataBuffer(), (int) s.getStartOffset(row), s.getEndOffset(row));
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
