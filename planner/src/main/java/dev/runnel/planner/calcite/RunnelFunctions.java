package dev.runnel.planner.calcite;

import java.util.List;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions Runnel adds to Calcite's standard operators, with Flink's signatures and
 * semantics (see {@code Operator} for what the executor computes). Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code SPLIT_INDEX(s VARCHAR, delimiter VARCHAR, index INT) -> VARCHAR} (NULL if out of range)
 *   <li>{@code REGEXP_EXTRACT(s VARCHAR, regex VARCHAR [, group INT]) -> VARCHAR} (NULL if no match)
 *   <li>{@code DATE_FORMAT(t TIMESTAMP|DATE, pattern VARCHAR) -> VARCHAR}
 * </ul>
 */
public final class RunnelFunctions {
    public static final SqlFunction SPLIT_INDEX = SqlBasicFunction.create("SPLIT_INDEX",
            ReturnTypes.VARCHAR_FORCE_NULLABLE,
            OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
            SqlFunctionCategory.STRING);

    public static final SqlFunction REGEXP_EXTRACT = SqlBasicFunction.create("REGEXP_EXTRACT",
            ReturnTypes.VARCHAR_FORCE_NULLABLE,
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)),
            SqlFunctionCategory.STRING);

    public static final SqlFunction DATE_FORMAT = SqlBasicFunction.create("DATE_FORMAT",
            ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.TO_NULLABLE),
            OperandTypes.or(OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.CHARACTER),
                    OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.CHARACTER)),
            SqlFunctionCategory.TIMEDATE);

    public static final List<SqlFunction> ALL = List.of(SPLIT_INDEX, REGEXP_EXTRACT, DATE_FORMAT);

    private static final SqlOperatorTable TABLE =
            SqlOperatorTables.chain(SqlStdOperatorTable.instance(), SqlOperatorTables.of(ALL));

    private RunnelFunctions() {}

    /** Calcite's standard operators plus Runnel's functions. */
    public static SqlOperatorTable operatorTable() {
        return TABLE;
    }

    /** Names of every callable function, for "did you mean" suggestions. */
    public static List<String> functionNames() {
        return TABLE.getOperatorList().stream()
                .filter(op -> op instanceof SqlFunction)
                .map(op -> op.getName())
                .filter(n -> n.matches("[A-Za-z_][A-Za-z_0-9]*"))
                .distinct()
                .sorted()
                .toList();
    }
}
