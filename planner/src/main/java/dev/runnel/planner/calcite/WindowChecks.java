package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.ddl.Durations;
import dev.runnel.planner.ddl.LateOptions;
import dev.runnel.planner.error.DidYouMean;
import dev.runnel.planner.error.PositionedQueryError;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.physical.LatePolicy;
import dev.runnel.planner.physical.WindowSpec;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.validate.SqlValidatorTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * The checks on windows that Calcite cannot make, shared by the window table functions
 * ({@link WindowTableFunction}) and the legacy {@code GROUP BY TUMBLE(ts, ...)} form
 * ({@link LegacyGroupWindows}); each failure is a {@link PositionedQueryError} at the offending
 * operand. Stateless.
 *
 * <ul>
 *   <li>the time column is an event-time attribute ({@link TimeAttributes}) of a STREAM: not a
 *       plain column (42000), not {@code PROCTIME()}, not another window's columns and not a TABLE
 *       (0A000, not supported yet);</li>
 *   <li>sizes, slides, steps and gaps are positive day-time INTERVAL literals (offsets may be
 *       negative); a HOP size is a multiple of its slide, a CUMULATE size of its step (42000);</li>
 *   <li>{@code late = 'route'}: the {@code late_target} is a stream with the same columns (42000).</li>
 * </ul>
 */
final class WindowChecks {
    private WindowChecks() {}

    /** Checks a call to a window table function (called by Calcite while it validates the call). */
    static void checkTableFunction(WindowTableFunction f, SqlCallBinding binding) {
        SqlValidatorImpl v = WindowTableFunction.validator(binding);
        SqlCall call = binding.getCall();
        List<SqlNode> operands = binding.operands();
        checkCount(f, call, operands);
        SqlNode table = operands.get(0);
        RelDataType rowType = v.getValidatedNodeType(table);
        SqlIdentifier time = WindowTableFunction.descriptorColumn(f, operands.get(1));
        RelDataTypeField field = v.getCatalogReader().nameMatcher().field(rowType, time.getSimple());
        if (field == null) {
            throw new PositionedQueryError(SqlState.UNKNOWN_COLUMN, "unknown column '" + time.getSimple() + "'"
                    + DidYouMean.suffix(time.getSimple(), rowType.getFieldNames()), time.getParserPosition());
        }
        if (f.kind() == WindowSpec.Kind.SESSION && operands.size() == 4) {
            for (SqlNode key : ((SqlCall) operands.get(2)).getOperandList()) {
                if (!(key instanceof SqlIdentifier id) || !id.isSimple()) {
                    throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "SESSION is partitioned by columns: "
                            + f.signature(), key.getParserPosition());
                }
                if (v.getCatalogReader().nameMatcher().field(rowType, id.getSimple()) == null) {
                    throw new PositionedQueryError(SqlState.UNKNOWN_COLUMN, "unknown column '" + id.getSimple() + "'"
                            + DidYouMean.suffix(id.getSimple(), rowType.getFieldNames()), id.getParserPosition());
                }
            }
        }
        TimeAttributes.Origin origin = TimeAttributes.of(v, v.getNamespace(table), field.getName());
        checkIntervals(f, operands);
        if (origin.kind() == TimeAttributes.Kind.PROCESSING_TIME) {
            return; // a window on the wall clock: no watermark, no late rows to route
        }
        requireEventTime(origin, field.getName(), time.getParserPosition());
        checkRouteTarget(origin.relation().orElseThrow(), v.getCatalogReader(), call.getParserPosition());
    }

    private static void checkCount(WindowTableFunction f, SqlCall call, List<SqlNode> operands) {
        int n = operands.size();
        int mandatory = f.kind() == WindowSpec.Kind.TUMBLE || f.kind() == WindowSpec.Kind.SESSION ? 3 : 4;
        boolean keyed = f.kind() == WindowSpec.Kind.SESSION && n >= 3 && operands.get(2).getKind() == SqlKind.DESCRIPTOR;
        if (keyed) {
            mandatory = 4; // SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(keys), gap): Calcite's form, and PARTITION BY's
        }
        int max = f.kind() == WindowSpec.Kind.SESSION ? mandatory : mandatory + 1;
        if (n < mandatory) {
            String missing = switch (f.kind()) {
                case TUMBLE -> "a size";
                case HOP -> n == 3 ? "a size after its slide" : "a slide and a size";
                case CUMULATE -> n == 3 ? "a size after its step" : "a step and a size";
                case SESSION -> "a gap";
            };
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, f.getName() + " needs " + missing + ": "
                    + f.signature(), call.getParserPosition());
        }
        if (n > max) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "too many arguments for " + f.getName() + ": "
                    + f.signature(), operands.get(max).getParserPosition());
        }
        if (n >= 2 && operands.get(1).getKind() != SqlKind.DESCRIPTOR) {
            WindowTableFunction.descriptorColumn(f, operands.get(1));
        }
    }

    private static void checkIntervals(WindowTableFunction f, List<SqlNode> operands) {
        String name = f.getName();
        switch (f.kind()) {
            case TUMBLE -> {
                positive(operands.get(2), "size", name);
                offset(operands, 3, name);
            }
            case HOP, CUMULATE -> {
                String first = f.kind() == WindowSpec.Kind.HOP ? "slide" : "step";
                long slide = positive(operands.get(2), first, name);
                long size = positive(operands.get(3), "size", name);
                multiple(operands.get(3), size, slide, first, name);
                offset(operands, 4, name);
            }
            case SESSION -> positive(operands.get(operands.size() - 1), "gap", name);
        }
    }

    private static void offset(List<SqlNode> operands, int index, String function) {
        if (operands.size() > index) {
            millis(operands.get(index), "offset", function);
        }
    }

    /** A HOP size must be a multiple of its slide (a CUMULATE size of its step). */
    static void multiple(SqlNode sizeNode, long size, long slide, String slideName, String function) {
        if (size % slide != 0) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "the size of " + function + " ("
                    + Durations.sqlInterval(size) + ") must be a multiple of its " + slideName + " ("
                    + Durations.sqlInterval(slide) + ")",
                    sizeNode.getParserPosition());
        }
    }

    /** The milliseconds of a positive day-time interval literal. */
    static long positive(SqlNode node, String what, String function) {
        long ms = millis(node, what, function);
        if (ms <= 0) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "the " + what + " of " + function
                    + " must be positive, not " + node, node.getParserPosition());
        }
        return ms;
    }

    /** The milliseconds of a day-time interval literal, possibly negated. */
    static long millis(SqlNode node, String what, String function) {
        SqlNode n = node;
        int sign = 1;
        while (n instanceof SqlCall c && (c.getKind() == SqlKind.MINUS_PREFIX || c.getKind() == SqlKind.PLUS_PREFIX)) {
            sign = c.getKind() == SqlKind.MINUS_PREFIX ? -sign : sign;
            n = c.operand(0);
        }
        if (!(n instanceof SqlIntervalLiteral literal)) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "the " + what + " of " + function
                    + " must be an INTERVAL literal such as INTERVAL '10' SECOND", node.getParserPosition());
        }
        SqlIntervalLiteral.IntervalValue value = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
        if (value.getIntervalQualifier().isYearMonth()) {
            throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "a window " + what
                    + " in months or years is not supported yet (use DAY, HOUR, MINUTE or SECOND)",
                    node.getParserPosition());
        }
        try {
            return sign * value.getSign() * SqlParserUtil.intervalToMillis(value);
        } catch (RuntimeException bad) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "invalid interval " + node,
                    node.getParserPosition());
        }
    }

    /** Requires a column to be an event-time attribute of a stream. */
    static void requireEventTime(TimeAttributes.Origin origin, String column, SqlParserPos pos) {
        switch (origin.kind()) {
            case PROCESSING_TIME -> throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "legacy group windows"
                    + " (GROUP BY TUMBLE(...)) over processing time (PROCTIME()) are not supported yet: use the window"
                    + " table functions, FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(p_time), ...))", pos);
            case WINDOW -> throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "a window over the '" + column
                    + "' of another window (cascading windows) is not supported yet", pos);
            case EVENT_TIME, NONE -> {
                // below
            }
        }
        Optional<RelationDef> relation = origin.relation();
        if (relation.isPresent() && relation.get().kind() != RelationKind.STREAM) {
            RelationDef r = relation.get();
            throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "windows over " + (r.kind() == RelationKind.TABLE
                    ? "table" : "materialized view") + " '" + r.name() + "' are not supported yet: a "
                    + (r.kind() == RelationKind.TABLE ? "TABLE" : "view") + " is a changelog; window a STREAM", pos);
        }
        if (origin.kind() == TimeAttributes.Kind.EVENT_TIME) {
            return;
        }
        String message = "window on '" + column + "', which is not a time attribute";
        if (relation.isEmpty()) {
            message += "; window directly on the column of a stream declared with WATERMARK FOR (an expression"
                    + " over it is an ordinary value)";
        } else if (relation.get().watermark().isPresent()) {
            RelationDef r = relation.get();
            message += "; the time attribute of stream '" + r.name() + "' is '"
                    + r.columns().get(r.watermark().get().column()).name() + "' (its WATERMARK FOR column)";
        } else {
            message += "; declare WATERMARK FOR " + (isTimestamp(relation.get(), origin.column()) ? origin.column()
                    : "<a TIMESTAMP column>") + " AS ... on the stream '" + relation.get().name() + "'";
        }
        throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, message, pos);
    }

    private static boolean isTimestamp(RelationDef r, String column) {
        int i = r.columnIndex(column);
        return i >= 0 && r.columns().get(i).type().kind() == dev.runnel.sql.type.TypeKind.TIMESTAMP;
    }

    /** {@code late = 'route'}: the target must be a stream whose columns have the source's names and types. */
    static void checkRouteTarget(RelationDef source, SqlValidatorCatalogReader reader, SqlParserPos pos) {
        LatePolicy policy = LateOptions.policy(source);
        if (policy.kind() != LatePolicy.Kind.ROUTE) {
            return;
        }
        String target = policy.routeTarget();
        SqlValidatorTable table = reader.getTable(List.of(target));
        RelationTable rt = table == null ? null : table.unwrap(RelationTable.class);
        String prefix = "late rows of stream '" + source.name() + "' go to '" + target + "' (its late_target), ";
        if (rt == null || rt.relation().kind() != RelationKind.STREAM) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, prefix + "which is not a stream: create it with"
                    + " the columns of '" + source.name() + "' first", pos);
        }
        if (!sameColumns(source.columns(), rt.relation().columns())) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, prefix + "which needs the same columns as '"
                    + source.name() + "' (late rows are appended unchanged)", pos);
        }
    }

    private static boolean sameColumns(List<Column> a, List<Column> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equalsIgnoreCase(b.get(i).name())
                    || !TypeMapping.sameIgnoringNullability(a.get(i).type(), b.get(i).type())) {
                return false;
            }
        }
        return true;
    }

}
