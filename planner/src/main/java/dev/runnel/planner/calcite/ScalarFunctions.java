package dev.runnel.planner.calcite;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Flink SQL's everyday scalar functions that Calcite's standard operator table lacks, with Flink's
 * signatures and result types (the semantics, NULLs included, are {@code Operator}'s, checked against
 * Flink 2.3 by the executor's function goldens). {@code IF} and {@code IFNULL} are rewritten to CASE and
 * COALESCE during validation. Immutable and thread-safe.
 */
public final class ScalarFunctions {
    private static final SqlReturnTypeInference VARCHAR_NULLABLE = ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE);
    private static final SqlReturnTypeInference VARCHAR_FORCE_NULLABLE = ReturnTypes.VARCHAR_FORCE_NULLABLE;

    private static SqlFunction string(String name, SqlReturnTypeInference type, org.apache.calcite.sql.type.SqlOperandTypeChecker operands) {
        return SqlBasicFunction.create(name, type, operands, SqlFunctionCategory.STRING);
    }

    private static org.apache.calcite.sql.type.SqlOperandTypeChecker chars(int n) {
        SqlTypeFamily[] f = new SqlTypeFamily[n];
        java.util.Arrays.fill(f, SqlTypeFamily.CHARACTER);
        return OperandTypes.family(f);
    }

    public static final SqlFunction CONCAT = string("CONCAT", VARCHAR_NULLABLE,
            OperandTypes.repeat(SqlOperandCountRanges.from(1), OperandTypes.CHARACTER));
    public static final SqlFunction CONCAT_WS = string("CONCAT_WS", VARCHAR_FORCE_NULLABLE,
            OperandTypes.repeat(SqlOperandCountRanges.from(1), OperandTypes.CHARACTER));
    public static final SqlFunction LPAD = string("LPAD", VARCHAR_FORCE_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER));
    public static final SqlFunction RPAD = string("RPAD", VARCHAR_FORCE_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER));
    public static final SqlFunction REGEXP_REPLACE = string("REGEXP_REPLACE", VARCHAR_FORCE_NULLABLE, chars(3));
    public static final SqlFunction REGEXP = string("REGEXP", ReturnTypes.BOOLEAN_NULLABLE, chars(2));
    public static final SqlFunction LEFT = string("LEFT", VARCHAR_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER));
    public static final SqlFunction RIGHT = string("RIGHT", VARCHAR_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER));
    public static final SqlFunction REVERSE = string("REVERSE", VARCHAR_NULLABLE, chars(1));
    public static final SqlFunction REPEAT = string("REPEAT", VARCHAR_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER));
    public static final SqlFunction LTRIM = string("LTRIM", VARCHAR_NULLABLE, OperandTypes.or(chars(1), chars(2)));
    public static final SqlFunction RTRIM = string("RTRIM", VARCHAR_NULLABLE, OperandTypes.or(chars(1), chars(2)));
    public static final SqlFunction BTRIM = string("BTRIM", VARCHAR_NULLABLE, OperandTypes.or(chars(1), chars(2)));
    public static final SqlFunction LOCATE = string("LOCATE", ReturnTypes.INTEGER_NULLABLE, OperandTypes.or(chars(2),
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)));
    public static final SqlFunction INSTR = string("INSTR", ReturnTypes.INTEGER_NULLABLE, chars(2));
    public static final SqlFunction CHR = string("CHR", VARCHAR_NULLABLE, OperandTypes.family(SqlTypeFamily.INTEGER));
    public static final SqlFunction MD5 = string("MD5", VARCHAR_NULLABLE, chars(1));
    public static final SqlFunction SHA256 = string("SHA256", VARCHAR_NULLABLE, chars(1));
    public static final SqlFunction TO_BASE64 = string("TO_BASE64", VARCHAR_NULLABLE, chars(1));
    public static final SqlFunction FROM_BASE64 = string("FROM_BASE64", VARCHAR_NULLABLE, chars(1));

    public static final SqlFunction GREATEST = SqlBasicFunction.create("GREATEST",
            ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.SAME_VARIADIC,
            SqlFunctionCategory.SYSTEM);
    public static final SqlFunction LEAST = SqlBasicFunction.create("LEAST",
            ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.SAME_VARIADIC,
            SqlFunctionCategory.SYSTEM);

    /**
     * {@code TRUNCATE(x [, d])}: toward zero to {@code d} digits after the point; Flink's result type
     * (a DECIMAL keeps {@code min(scale, d)} digits when {@code d} is a literal), in place of Calcite's.
     */
    public static final SqlFunction TRUNCATE = SqlBasicFunction.create("TRUNCATE", ScalarFunctions::truncateType,
            OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.NUMERIC_INTEGER), SqlFunctionCategory.NUMERIC);

    /**
     * {@code ROUND(x [, d])}: half up to {@code d} digits after the point, typed as Flink types it (as
     * TRUNCATE: a DECIMAL keeps {@code min(scale, d)} digits when {@code d} is a literal, with one more
     * integer digit for the carry), in place of Calcite's (which keeps the operand's type).
     */
    public static final SqlFunction ROUND = SqlBasicFunction.create("ROUND", ScalarFunctions::truncateType,
            OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.NUMERIC_INTEGER), SqlFunctionCategory.NUMERIC);

    public static final SqlFunction TO_TIMESTAMP = SqlBasicFunction.create("TO_TIMESTAMP",
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.FORCE_NULLABLE),
            OperandTypes.or(chars(1), chars(2)), SqlFunctionCategory.TIMEDATE);
    public static final SqlFunction TO_DATE = SqlBasicFunction.create("TO_DATE",
            ReturnTypes.DATE.andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.or(chars(1), chars(2)),
            SqlFunctionCategory.TIMEDATE);
    public static final SqlFunction UNIX_TIMESTAMP = SqlBasicFunction.create("UNIX_TIMESTAMP",
            ReturnTypes.BIGINT_NULLABLE, OperandTypes.or(OperandTypes.NILADIC, chars(1), chars(2)),
            SqlFunctionCategory.TIMEDATE).withDeterministic(false);
    public static final SqlFunction FROM_UNIXTIME = SqlBasicFunction.create("FROM_UNIXTIME", VARCHAR_NULLABLE,
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.INTEGER),
                    OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.CHARACTER)), SqlFunctionCategory.TIMEDATE);

    /** {@code IF(c, a, b)}: validated as {@code CASE WHEN c THEN a ELSE b END}. */
    public static final SqlFunction IF = new Rewritten("IF", 3) {
        @Override
        public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
            List<SqlNode> o = call.getOperandList();
            return new SqlCase(call.getParserPosition(), null, SqlNodeList.of(o.get(0)), SqlNodeList.of(o.get(1)), o.get(2));
        }
    };

    /** {@code SUBSTR(s, start [, length])} (Flink's): validated as {@code SUBSTRING(s, start [, length])}. */
    public static final SqlFunction SUBSTR = new Rewritten("SUBSTR", SqlOperandCountRanges.between(2, 3)) {
        @Override
        public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
            return SqlStdOperatorTable.SUBSTRING.createCall(call.getParserPosition(), call.getOperandList());
        }
    };

    /** {@code IFNULL(a, b)}: validated as {@code COALESCE(a, b)}. */
    public static final SqlFunction IFNULL = new Rewritten("IFNULL", 2) {
        @Override
        public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
            return SqlStdOperatorTable.COALESCE.createCall(call.getParserPosition(), call.getOperandList());
        }
    };

    /**
     * {@code FIRST_VALUE(x)} and {@code LAST_VALUE(x)} as aggregates of a GROUP BY (Flink's), in place of
     * Calcite's, which only run over a window.
     */
    public static final SqlFunction FIRST_VALUE = org.apache.calcite.sql.fun.SqlBasicAggFunction.create("FIRST_VALUE",
            SqlKind.FIRST_VALUE, ReturnTypes.ARG0.andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.ANY);
    public static final SqlFunction LAST_VALUE = org.apache.calcite.sql.fun.SqlBasicAggFunction.create("LAST_VALUE",
            SqlKind.LAST_VALUE, ReturnTypes.ARG0.andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.ANY);

    public static final List<SqlFunction> ALL = List.of(FIRST_VALUE, LAST_VALUE, CONCAT, CONCAT_WS, LPAD, RPAD, REGEXP_REPLACE, REGEXP, LEFT,
            RIGHT, REVERSE, REPEAT, LTRIM, RTRIM, BTRIM, LOCATE, INSTR, CHR, MD5, SHA256, TO_BASE64, FROM_BASE64,
            GREATEST, LEAST, TRUNCATE, ROUND, TO_TIMESTAMP, TO_DATE, UNIX_TIMESTAMP, FROM_UNIXTIME, IF, IFNULL, SUBSTR);

    /** Calcite's standard functions these replace (same name, other typing). */
    static final java.util.Set<String> REPLACED = java.util.Set.of("TRUNCATE", "ROUND", "FIRST_VALUE", "LAST_VALUE");

    private ScalarFunctions() {}

    private static RelDataType truncateType(SqlOperatorBinding b) {
        RelDataType x = b.getOperandType(0);
        if (x.getSqlTypeName() != SqlTypeName.DECIMAL) {
            return x;
        }
        int p = x.getPrecision();
        int s = x.getScale();
        int d = 0;
        if (b.getOperandCount() > 1) {
            if (!b.isOperandLiteral(1, false)) {
                return x;
            }
            Integer v = b.getOperandLiteralValue(1, Integer.class);
            d = v == null ? 0 : v;
        }
        RelDataTypeFactory f = b.getTypeFactory();
        RelDataType t;
        if (d >= s) {
            t = f.createSqlType(SqlTypeName.DECIMAL, p, s);
        } else if (d < 0) {
            t = f.createSqlType(SqlTypeName.DECIMAL, Math.min(38, 1 + p - s), 0);
        } else {
            t = f.createSqlType(SqlTypeName.DECIMAL, Math.min(38, 1 + p - s + d), d);
        }
        return f.createTypeWithNullability(t, x.isNullable()
                || (b.getOperandCount() > 1 && b.getOperandType(1).isNullable()));
    }

    /** A function the validator replaces with another expression before typing it. */
    private abstract static class Rewritten extends SqlFunction {
        Rewritten(String name, int operands) {
            this(name, SqlOperandCountRanges.of(operands));
        }

        Rewritten(String name, org.apache.calcite.sql.SqlOperandCountRange operands) {
            super(name, SqlKind.OTHER_FUNCTION, ReturnTypes.ARG1, null, OperandTypes.variadic(operands),
                    SqlFunctionCategory.SYSTEM);
        }
    }
}
