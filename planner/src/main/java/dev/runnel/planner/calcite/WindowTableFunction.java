package dev.runnel.planner.calcite;

import dev.runnel.planner.error.PositionedQueryError;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.physical.WindowSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.TableCharacteristic;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidatorImpl;

/**
 * The window table functions, with Flink's signatures (which Runnel follows, so Flink can be the
 * oracle), replacing Calcite's own TUMBLE, HOP and SESSION and adding CUMULATE:
 *
 * <pre>
 * TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])
 * HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])
 * CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])
 * SESSION(TABLE t [PARTITION BY key, ...], DESCRIPTOR(ts), gap)
 * SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(key, ...), gap)    -- Calcite's form of the same
 * </pre>
 *
 * Each returns the input's columns then {@code window_start}, {@code window_end} and
 * {@code window_time} (all TIMESTAMP(3) NOT NULL; {@code window_time = window_end - 1 ms}). The
 * table may be {@code TABLE name} or a parenthesized query. Operands are checked here, with
 * positioned errors: {@code ts} must be an event-time attribute ({@link TimeAttributes}); sizes,
 * slides, steps and gaps positive day-time interval literals; a HOP size a multiple of its slide, a
 * CUMULATE size a multiple of its step ({@link WindowChecks}). Immutable and thread-safe.
 */
public final class WindowTableFunction extends SqlWindowTableFunction {
    public static final WindowTableFunction TUMBLE = new WindowTableFunction(WindowSpec.Kind.TUMBLE,
            List.of("DATA", "TIMECOL", "SIZE", "OFFSET"), 3, "TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])");
    public static final WindowTableFunction HOP = new WindowTableFunction(WindowSpec.Kind.HOP,
            List.of("DATA", "TIMECOL", "SLIDE", "SIZE", "OFFSET"), 4,
            "HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])");
    public static final WindowTableFunction CUMULATE = new WindowTableFunction(WindowSpec.Kind.CUMULATE,
            List.of("DATA", "TIMECOL", "STEP", "SIZE", "OFFSET"), 4,
            "CUMULATE(TABLE t, DESCRIPTOR(ts), step, size [, offset])");
    public static final WindowTableFunction SESSION = new WindowTableFunction(WindowSpec.Kind.SESSION,
            List.of("DATA", "TIMECOL", "GAP"), 3, "SESSION(TABLE t [PARTITION BY key], DESCRIPTOR(ts), gap)");

    public static final List<WindowTableFunction> ALL = List.of(TUMBLE, HOP, CUMULATE, SESSION);

    /** Names of the columns a window table function adds, in order. */
    public static final List<String> WINDOW_COLUMNS = List.of("window_start", "window_end", "window_time");

    private final WindowSpec.Kind kind;
    private final String signature;

    private WindowTableFunction(WindowSpec.Kind kind, List<String> params, int mandatory, String signature) {
        super(kind.name(), new Operands(params, mandatory, signature));
        this.kind = kind;
        this.signature = signature;
    }

    public WindowSpec.Kind kind() {
        return kind;
    }

    /** How the function is written, for messages. */
    public String signature() {
        return signature;
    }

    @Override
    public SqlReturnTypeInference getRowTypeInference() {
        return WindowTableFunction::rowType;
    }

    @Override
    public TableCharacteristic tableCharacteristic(int ordinal) {
        if (ordinal != 0) {
            return null;
        }
        // SESSION's PARTITION BY is rewritten away before validation (rewritePartitionBy)
        return TableCharacteristic.builder(TableCharacteristic.Semantics.ROW).passColumnsThrough().build();
    }

    private static RelDataType rowType(SqlOperatorBinding binding) {
        RelDataType input = binding.getOperandType(0);
        RelDataTypeFactory f = binding.getTypeFactory();
        RelDataTypeFactory.Builder b = f.builder().kind(input.getStructKind()).addAll(input.getFieldList());
        for (String name : WINDOW_COLUMNS) {
            b.add(name, f.createSqlType(SqlTypeName.TIMESTAMP, 3));
        }
        return b.build();
    }

    /** Operand checks; see the class comment. Errors are thrown whatever {@code throwOnFailure} says. */
    private static final class Operands implements SqlOperandMetadata {
        private final List<String> params;
        private final int mandatory;
        private final String signature;

        Operands(List<String> params, int mandatory, String signature) {
            this.params = List.copyOf(params);
            this.mandatory = mandatory;
            this.signature = signature;
        }

        @Override
        public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
            return Collections.nCopies(params.size(), typeFactory.createSqlType(SqlTypeName.ANY));
        }

        @Override
        public List<String> paramNames() {
            return params;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            // fewer operands are checked below, to say what is missing
            return SqlOperandCountRanges.between(1, params.size() + 1);
        }

        @Override
        public boolean isOptional(int i) {
            return i >= mandatory;
        }

        @Override
        public String getAllowedSignatures(SqlOperator op, String opName) {
            return signature;
        }

        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            WindowChecks.checkTableFunction((WindowTableFunction) binding.getOperator(), binding);
            return true;
        }
    }

    /** The name in {@code DESCRIPTOR(name)}, or a positioned error. */
    static SqlIdentifier descriptorColumn(WindowTableFunction f, SqlNode operand) {
        if (operand.getKind() != SqlKind.DESCRIPTOR || ((SqlCall) operand).operandCount() != 1
                || !(((SqlCall) operand).operand(0) instanceof SqlIdentifier id) || !id.isSimple()) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "the time column of " + f.getName()
                    + " is written DESCRIPTOR(column): " + f.signature, operand.getParserPosition());
        }
        return id;
    }

    /**
     * Rewrites, in place and before validation, {@code SESSION(TABLE t PARTITION BY k1, k2, DESCRIPTOR(ts), gap)}
     * to Calcite's equivalent {@code SESSION(TABLE t, DESCRIPTOR(ts), DESCRIPTOR(k1, k2), gap)}, whose keys
     * survive conversion to a plan (a partitioned table argument does not, with subqueries kept for
     * Runnel's rules). ORDER BY in the table argument is not supported (0A000).
     */
    public static void rewritePartitionBy(SqlNode node) {
        node.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                List<SqlNode> operands = call.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    if (operands.get(i) instanceof SqlCall session && isPartitionedSession(session)) {
                        call.setOperand(i, unpartitioned(session));
                    }
                }
                return super.visit(call);
            }
        });
    }

    private static boolean isPartitionedSession(SqlCall call) {
        return call.getOperator().getName().equalsIgnoreCase("SESSION") && call.operandCount() >= 1
                && call.operand(0) != null && call.operand(0).getKind() == SqlKind.SET_SEMANTICS_TABLE;
    }

    private static SqlCall unpartitioned(SqlCall session) {
        SqlCall table = session.operand(0);
        SqlNodeList partition = table.operand(1);
        SqlNodeList order = table.operand(2);
        if (!order.isEmpty()) {
            throw new PositionedQueryError(SqlState.NOT_SUPPORTED, "ORDER BY in the table argument of SESSION is"
                    + " not supported yet", order.get(0).getParserPosition());
        }
        List<SqlNode> operands = new ArrayList<>(session.getOperandList());
        if (operands.size() > 1 && operands.get(1) instanceof SqlIdentifier more) {
            throw new PositionedQueryError(SqlState.SYNTAX_OR_RULE, "several PARTITION BY columns are written in"
                    + " parentheses: PARTITION BY (a, b)", more.getParserPosition());
        }
        operands.set(0, table.operand(0));
        if (!partition.isEmpty() && operands.size() >= 2) {
            operands.add(2, SqlStdOperatorTable.DESCRIPTOR.createCall(partition.getParserPosition(),
                    partition.getList()));
        }
        return session.getOperator().createCall(session.getFunctionQuantifier(), session.getParserPosition(),
                operands);
    }

    static SqlValidatorImpl validator(SqlCallBinding binding) {
        return (SqlValidatorImpl) binding.getValidator();
    }
}
