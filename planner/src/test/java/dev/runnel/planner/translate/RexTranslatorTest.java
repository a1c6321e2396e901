package dev.runnel.planner.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.planner.expr.Call;
import dev.runnel.planner.expr.DynamicParam;
import dev.runnel.planner.expr.Expr;
import dev.runnel.planner.expr.InputRef;
import dev.runnel.planner.expr.Literal;
import dev.runnel.planner.expr.Operator;
import dev.runnel.planner.physical.FilterNode;
import dev.runnel.planner.testing.Planning;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

class RexTranslatorTest {
    private final RelFixture f = new RelFixture();
    private final RexTranslator t = new RexTranslator(f.rex);
    private static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
    private static final DataType INT = DataType.of(TypeKind.INT);
    private static final DataType BOOLEAN = DataType.of(TypeKind.BOOLEAN);

    private RelDataType type(SqlTypeName name) {
        return f.ctx.typeFactory().createTypeWithNullability(f.ctx.typeFactory().createSqlType(name), true);
    }

    private RexNode ref(int index, SqlTypeName name) {
        return f.rex.makeInputRef(type(name), index);
    }

    @Test
    void literalsUseTheJavaRepresentationOfTheirType() {
        assertThat(t.translate(f.rex.makeTimestampLiteral(new TimestampString("2026-01-01 00:00:01.250"), 3)))
                .isEqualTo(new Literal(Instant.parse("2026-01-01T00:00:01.250Z").toEpochMilli(),
                        DataType.of(TypeKind.TIMESTAMP).notNull()));
        assertThat(t.translate(f.rex.makeDateLiteral(new DateString("2026-03-01"))))
                .isEqualTo(new Literal((int) LocalDate.parse("2026-03-01").toEpochDay(), DataType.of(TypeKind.DATE).notNull()));
        assertThat(t.translate(f.rex.makeExactLiteral(new BigDecimal("12.50"))))
                .isEqualTo(new Literal(new BigDecimal("12.50"), DataType.decimal(4, 2).notNull()));
        assertThat(t.translate(f.rex.makeLiteral("web"))).isEqualTo(new Literal("web",
                new DataType(TypeKind.VARCHAR, 3, 0, false)));
        assertThat(t.translate(f.rex.makeLiteral(true))).isEqualTo(new Literal(true, BOOLEAN.notNull()));
        assertThat(t.translate(f.rex.makeIntervalLiteral(BigDecimal.valueOf(4000),
                new SqlIntervalQualifier(TimeUnit.SECOND, null, SqlParserPos.ZERO))))
                .isEqualTo(new Literal(4000L, DataType.of(TypeKind.INTERVAL_DAY_TIME).notNull()));
        assertThat(t.translate(f.rex.makeIntervalLiteral(BigDecimal.valueOf(14),
                new SqlIntervalQualifier(TimeUnit.YEAR, TimeUnit.MONTH, SqlParserPos.ZERO))))
                .isEqualTo(new Literal(14, DataType.of(TypeKind.INTERVAL_YEAR_MONTH).notNull()));
        assertThat(t.translate(f.rex.makeNullLiteral(type(SqlTypeName.BIGINT)))).isEqualTo(new Literal(null, BIGINT));
    }

    @Test
    void arithmeticOperandsAreCastToTheResultType() {
        Expr e = t.translate(f.rex.makeCall(SqlStdOperatorTable.PLUS, ref(0, SqlTypeName.BIGINT), ref(1, SqlTypeName.INTEGER)));

        assertThat(e).isEqualTo(new Call(Operator.PLUS, List.of(new InputRef(0, BIGINT),
                new Call(Operator.CAST, List.of(new InputRef(1, INT)), BIGINT)), BIGINT));
    }

    @Test
    void modIsComputedInTheWiderTypeThenCastToCalcitesResult() {
        Expr e = t.translate(f.rex.makeCall(SqlStdOperatorTable.MOD, ref(0, SqlTypeName.BIGINT), ref(1, SqlTypeName.INTEGER)));

        assertThat(e).isEqualTo(new Call(Operator.CAST, List.of(new Call(Operator.MOD, List.of(new InputRef(0, BIGINT),
                new Call(Operator.CAST, List.of(new InputRef(1, INT)), BIGINT)), BIGINT)), INT));
    }

    @Test
    void numericComparisonsCompareInOneTypeConvertingLiterals() {
        Expr e = t.translate(f.rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(0, SqlTypeName.BIGINT),
                f.rex.makeExactLiteral(BigDecimal.valueOf(1000))));

        assertThat(e).isEqualTo(new Call(Operator.GREATER_THAN, List.of(new InputRef(0, BIGINT),
                new Literal(1000L, BIGINT.notNull())), BOOLEAN));
    }

    @Test
    void searchIsExpandedIntoComparisons() {
        RexNode in = f.rex.makeIn(ref(0, SqlTypeName.INTEGER), List.of(f.rex.makeExactLiteral(BigDecimal.ONE),
                f.rex.makeExactLiteral(BigDecimal.TEN)));
        Expr e = t.translate(in);

        assertThat(e).isInstanceOf(Call.class);
        assertThat(((Call) e).op()).isEqualTo(Operator.OR);
        assertThat(((Call) e).operands()).allSatisfy(o -> assertThat(((Call) o).op()).isEqualTo(Operator.EQUALS));
    }

    @Test
    void notLikeIsNotOfLikeAndFlagsAreVarcharLiterals() {
        Expr notLike = ((FilterNode) Planning.root("SELECT * FROM bids WHERE channel NOT LIKE 'a%'")).condition();
        assertThat(((Call) notLike).op()).isEqualTo(Operator.NOT);
        assertThat(((Call) ((Call) notLike).operands().get(0)).op()).isEqualTo(Operator.LIKE);

        Expr extract = t.translate(f.rex.makeCall(SqlStdOperatorTable.EXTRACT,
                f.rex.makeFlag(org.apache.calcite.avatica.util.TimeUnitRange.HOUR), ref(0, SqlTypeName.TIMESTAMP)));
        assertThat(((Call) extract).op()).isEqualTo(Operator.EXTRACT);
        assertThat(((Call) extract).operands().get(0)).isEqualTo(new Literal("HOUR", DataType.varchar().notNull()));
    }

    @Test
    void dynamicParametersKeepTheirIndexAndInferredType() {
        assertThat(t.translate(f.rex.makeDynamicParam(type(SqlTypeName.BIGINT), 2))).isEqualTo(new DynamicParam(2, BIGINT));
    }

    @Test
    void functionsWithoutARunnelOperatorAreNotSupportedYet() {
        RunnelSqlException e = catchThrowableOfType(RunnelSqlException.class, () -> t.translate(
                f.rex.makeCall(SqlStdOperatorTable.SIN, ref(0, SqlTypeName.DOUBLE))));
        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("the function or operator SIN is not supported yet");
    }
}
