package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.MetadataColumns;
import dev.runnel.planner.error.SqlState;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.sql.type.SqlTypeCoercionRule;
import org.apache.calcite.sql.type.SqlTypeMappingRule;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.util.Static;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.implicit.TypeCoercion;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorTable;

/**
 * Calcite's validator, with one Runnel rule: {@code *} and {@code t.*} over a stream or table
 * expand to its payload columns only. The metadata columns ({@code _partition}, {@code _offset},
 * {@code _timestamp}, {@code _append_time}) are there when named, so that
 * {@code INSERT INTO big SELECT * FROM bids} copies payloads. And one stricter check: comparing a
 * string with a number or a boolean ({@code channel > 5}) is a type error rather than an implicit
 * CAST that fails row by row at run time. Legacy group windows are checked with
 * {@link LegacyGroupWindows}. Not thread-safe (one per statement).
 */
public final class RunnelValidator extends SqlValidatorImpl {
    private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
            SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_DISTINCT_FROM,
            SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.BETWEEN, SqlKind.IN, SqlKind.NOT_IN);

    private final TypeCoercion commonTypes;

    public RunnelValidator(SqlOperatorTable opTab, SqlValidatorCatalogReader catalogReader,
            RelDataTypeFactory typeFactory, Config config) {
        super(opTab, catalogReader, typeFactory, config);
        this.commonTypes = config.typeCoercionFactory().create(typeFactory, this);
    }

    /**
     * Calcite's converter asks for the type coercion even with implicit coercion off, to find the
     * common type of the two columns of {@code JOIN ... USING} and {@code NATURAL JOIN}; the base
     * class asserts coercion is on, so with assertions enabled those joins failed as internal errors.
     * That lookup rewrites no tree; Calcite consults coercion only where the config enables it.
     */
    @Override
    public TypeCoercion getTypeCoercion() {
        return commonTypes;
    }

    /**
     * Calcite's cast rules plus BOOLEAN to the numeric types (TRUE is 1, FALSE 0), which Flink allows
     * ({@code SUM(CAST(flag AS INT))}); the executor computes these casts.
     */
    private static final SqlTypeMappingRule CASTS = castRules();

    private static SqlTypeMappingRule castRules() {
        java.util.Map<SqlTypeName, com.google.common.collect.ImmutableSet<SqlTypeName>> rules =
                new java.util.HashMap<>(SqlTypeCoercionRule.instance().getTypeMapping());
        for (SqlTypeName to : java.util.List.of(SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL,
                SqlTypeName.DOUBLE)) {
            rules.put(to, com.google.common.collect.ImmutableSet.<SqlTypeName>builder()
                    .addAll(rules.getOrDefault(to, com.google.common.collect.ImmutableSet.of()))
                    .add(SqlTypeName.BOOLEAN).build());
        }
        return SqlTypeCoercionRule.instance(rules);
    }

    @Override
    public SqlTypeMappingRule getTypeMappingRule() {
        return CASTS;
    }

    /**
     * NATURAL JOIN would join on every column name both sides share, and every stream and table has
     * the metadata columns ({@code _partition}, {@code _offset}, ...): it would match rows by offset.
     * Rejected, pointing at {@code JOIN ... USING}.
     */
    @Override
    protected void validateJoin(SqlJoin join, SqlValidatorScope scope) {
        if (join.isNatural()) {
            throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "NATURAL JOIN is not supported: every stream and "
                    + "table has the metadata columns " + MetadataColumns.ALL.stream().map(c -> c.name()).collect(Collectors.joining(", "))
                    + ", so it would join on them too; name the columns with JOIN ... USING (...)", SourcePos.UNKNOWN);
        }
        super.validateJoin(join, scope);
    }

    /**
     * Calcite moves the USING columns of a join to the front of a star's expansion by positions in
     * the inputs' full rows, which breaks when the star leaves the metadata columns out; until the
     * star is expanded another way, such a star is refused (0A000) instead of failing inside Calcite.
     */
    @Override
    protected RelDataType validateSelectList(SqlNodeList selectItems, SqlSelect select, RelDataType targetRowType) {
        boolean star = false;
        for (SqlNode item : selectItems) {
            star |= item instanceof SqlIdentifier id && id.isStar();
        }
        if (star && hasUsingJoin(select.getFrom())) {
            throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "SELECT * over JOIN ... USING is not supported yet: "
                    + "list the columns", SourcePos.UNKNOWN);
        }
        return super.validateSelectList(selectItems, select, targetRowType);
    }

    private static boolean hasUsingJoin(SqlNode from) {
        if (from instanceof SqlJoin join) {
            return join.getConditionType() == JoinConditionType.USING || hasUsingJoin(join.getLeft())
                    || hasUsingJoin(join.getRight());
        }
        if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
            return hasUsingJoin(call.operand(0));
        }
        return false;
    }

    /** Called by Calcite only while expanding a star: skip the metadata columns of base relations. */
    @Override
    protected void addToSelectList(List<SqlNode> list, Set<String> aliases,
            List<Map.Entry<String, RelDataType>> fieldList, SqlNode exp, SelectScope scope,
            boolean includeSystemVars) {
        if (!includeSystemVars && isBaseRelationMetadata(exp, scope)) {
            return;
        }
        super.addToSelectList(list, aliases, fieldList, exp, scope, includeSystemVars);
    }

    /** Calcite's checks of MATCH_RECOGNIZE, then Runnel's ({@link MatchChecks}). */
    @Override
    public void validateMatchRecognize(SqlCall call) {
        MatchChecks.checkClauses((org.apache.calcite.sql.SqlMatchRecognize) call); // before Calcite qualifies names
        super.validateMatchRecognize(call);
        MatchChecks.checkOrder(this, (org.apache.calcite.sql.SqlMatchRecognize) call);
    }

    /** Checks legacy group windows ({@code GROUP BY TUMBLE(ts, ...)}) around Calcite's validation of GROUP BY. */
    @Override
    protected void validateGroupClause(SqlSelect select) {
        LegacyGroupWindows.check(this, select);
        super.validateGroupClause(select);
    }

    @Override
    public void validateCall(SqlCall call, SqlValidatorScope scope) {
        super.validateCall(call, scope);
        if (!COMPARISONS.contains(call.getKind())) {
            return;
        }
        List<SqlNode> operands = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlNodeList list) {
                list.forEach(operands::add);
            } else if (operand != null) {
                operands.add(operand);
            }
        }
        boolean character = false;
        boolean numberOrBoolean = false;
        List<String> types = new ArrayList<>();
        for (SqlNode operand : operands) {
            RelDataType t = getValidatedNodeTypeIfKnown(operand);
            if (t == null) { // an operand of a JOIN's ON, validated before its types are recorded
                t = deriveType(scope, operand);
            }
            SqlTypeFamily family = t.getSqlTypeName().getFamily();
            character |= family == SqlTypeFamily.CHARACTER;
            numberOrBoolean |= family == SqlTypeFamily.NUMERIC || family == SqlTypeFamily.BOOLEAN;
            types.add("<" + t.getFullTypeString().replace(" NOT NULL", "") + ">");
        }
        if (character && numberOrBoolean) {
            throw newValidationError(call, Static.RESOURCE.canNotApplyOp2Type(call.getOperator().getName(),
                    "'" + String.join(" " + call.getOperator().getName() + " ", types) + "'", ""));
        }
    }

    private static boolean isBaseRelationMetadata(SqlNode exp, SelectScope scope) {
        if (!(exp instanceof SqlIdentifier id) || id.names.size() < 2
                || !MetadataColumns.isMetadata(id.names.get(id.names.size() - 1))) {
            return false;
        }
        SqlQualified qualified = scope.fullyQualify(id);
        if (qualified.namespace == null) {
            return false;
        }
        if (qualified.namespace.resolve() instanceof org.apache.calcite.sql.validate.MatchRecognizeNamespace) {
            return true; // ALL ROWS PER MATCH passes its input's columns on, metadata included
        }
        SqlValidatorTable table = qualified.namespace.getTable();
        return table != null && table.unwrap(RelationTable.class) != null;
    }
}
