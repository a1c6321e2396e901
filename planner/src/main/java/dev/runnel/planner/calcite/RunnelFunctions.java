package dev.runnel.planner.calcite;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;

/**
 * The functions Runnel adds to Calcite's standard operators, with Flink's signatures and
 * semantics (see {@code Operator} for what the executor computes). Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code SPLIT_INDEX(s VARCHAR, delimiter VARCHAR, index INT) -> VARCHAR} (NULL if out of range)
 *   <li>{@code REGEXP_EXTRACT(s VARCHAR, regex VARCHAR [, group INT]) -> VARCHAR} (NULL if no match)
 *   <li>{@code DATE_FORMAT(t TIMESTAMP|DATE, pattern VARCHAR) -> VARCHAR}
 *   <li>{@code CONTAINS_TOKEN(text VARCHAR, word VARCHAR) -> BOOLEAN}: whether {@code word} is one of the
 *       tokens of {@code text} (runs of letters and digits, compared ignoring case); what a standing
 *       search indexes as a token match (see docs/sql.md)
 *   <li>{@code PROCTIME() -> TIMESTAMP(3) NOT NULL}: processing time, the wall clock when the row is
 *       processed (the executor computes it as {@code CURRENT_TIMESTAMP}, read once per batch); a window
 *       table function over it is a processing-time window
 *   <li>Flink's everyday string, conditional, numeric and time functions ({@link ScalarFunctions})
 *   <li>the window table functions TUMBLE, HOP, CUMULATE and SESSION ({@link WindowTableFunction}),
 *       in place of Calcite's
 * </ul>
 *
 * The legacy group-window functions ({@code GROUP BY TUMBLE(ts, ...)} with {@code TUMBLE_START},
 * {@code TUMBLE_END}, ...) are Calcite's; see {@link LegacyGroupWindows} for {@link #WINDOW_END}.
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

    public static final SqlFunction CONTAINS_TOKEN = SqlBasicFunction.create("CONTAINS_TOKEN",
            ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
            SqlFunctionCategory.STRING);

    public static final SqlFunction PROCTIME = SqlBasicFunction.create("PROCTIME",
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3), OperandTypes.NILADIC, SqlFunctionCategory.TIMEDATE)
            .withDeterministic(false);

    /**
     * {@code $WINDOW_END(x_START(ts, ...))}: the end of a legacy group window, what
     * {@code TUMBLE_END}, {@code HOP_END} and {@code SESSION_END} are rewritten to before validation
     * (Calcite converts SESSION_END like SESSION_START). Not callable by users: its name is not an
     * identifier they can write unquoted.
     */
    public static final SqlFunction WINDOW_END = SqlBasicFunction.create("$WINDOW_END", ReturnTypes.ARG0,
            OperandTypes.DATETIME, SqlFunctionCategory.SYSTEM);

    public static final List<SqlFunction> ALL = concat(List.of(SPLIT_INDEX, REGEXP_EXTRACT, DATE_FORMAT, CONTAINS_TOKEN,
            PROCTIME, WindowTableFunction.TUMBLE, WindowTableFunction.HOP, WindowTableFunction.CUMULATE,
            WindowTableFunction.SESSION, WINDOW_END), ScalarFunctions.ALL);

    private static List<SqlFunction> concat(List<SqlFunction> a, List<SqlFunction> b) {
        List<SqlFunction> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static final SqlOperatorTable TABLE =
            SqlOperatorTables.chain(new WithoutCalciteWindowTables(SqlStdOperatorTable.instance()),
                    SqlOperatorTables.of(ALL),
                    // s ILIKE pattern: LIKE ignoring case (the parser knows it; the standard table does not)
                    SqlOperatorTables.of(org.apache.calcite.sql.fun.SqlLibraryOperators.ILIKE,
                            org.apache.calcite.sql.fun.SqlLibraryOperators.NOT_ILIKE));

    private RunnelFunctions() {}

    /** Calcite's standard operators plus Runnel's functions. */
    public static SqlOperatorTable operatorTable() {
        return TABLE;
    }

    /** Calcite's standard operators but its window table functions and the functions Runnel replaces. */
    private static final class WithoutCalciteWindowTables implements SqlOperatorTable {
        private final SqlOperatorTable delegate;

        WithoutCalciteWindowTables(SqlOperatorTable delegate) {
            this.delegate = delegate;
        }

        private static boolean replaced(SqlOperator op) {
            return op instanceof SqlWindowTableFunction && !(op instanceof WindowTableFunction)
                    || ScalarFunctions.REPLACED.contains(op.getName());
        }

        @Override
        public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
                List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
            List<SqlOperator> found = new ArrayList<>();
            delegate.lookupOperatorOverloads(opName, category, syntax, found, nameMatcher);
            found.removeIf(WithoutCalciteWindowTables::replaced);
            operatorList.addAll(found);
        }

        @Override
        public List<SqlOperator> getOperatorList() {
            List<SqlOperator> all = new ArrayList<>(delegate.getOperatorList());
            all.removeIf(WithoutCalciteWindowTables::replaced);
            return all;
        }
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
