package dev.runnel.planner.calcite;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.error.Unsupported;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * The Calcite objects one statement is validated and converted with: type factory, catalog reader
 * over a schema built from the catalog snapshot, validator (case-insensitive names, no implicit
 * type coercion), cluster. Built per statement; not thread-safe.
 *
 * <p>The cluster's planner has an executor that folds nothing: Calcite would otherwise evaluate a
 * CAST of a literal while simplifying, with its own runtime's semantics (a DECIMAL rounded down,
 * a TIMESTAMP's milliseconds dropped from its text), so {@code CAST(1.005 AS DECIMAL(4, 2))} would
 * differ from the same CAST of a column. Constant expressions reach the executor, which computes
 * them like any other.
 */
public final class CalciteContext {
    private static final RexExecutor NO_FOLDING = (rexBuilder, constExps, reducedValues) ->
            reducedValues.addAll(constExps);

    private final JavaTypeFactoryImpl typeFactory;
    private final CalciteCatalogReader catalogReader;
    private final RunnelValidator validator;
    private final RelOptCluster cluster;

    private CalciteContext(CatalogView catalog) {
        typeFactory = new JavaTypeFactoryImpl(RunnelTypeSystem.INSTANCE) {
            /** Strings are Unicode; Calcite's default, ISO-8859-1, rejected a literal such as '✓'. */
            @Override
            public Charset getDefaultCharset() {
                return StandardCharsets.UTF_8;
            }
        };
        Properties props = new Properties();
        props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        catalogReader = new CalciteCatalogReader(CatalogSchema.build(catalog), List.of(), typeFactory,
                new CalciteConnectionConfigImpl(props));
        SqlValidator.Config config = SqlValidator.Config.DEFAULT
                .withConformance(SqlConformanceEnum.DEFAULT)
                .withTypeCoercionEnabled(false)
                // NULL sorts below every value, as in Flink: first ascending, last descending
                .withDefaultNullCollation(NullCollation.LOW)
                .withIdentifierExpansion(true);
        validator = new RunnelValidator(RunnelFunctions.operatorTable(), catalogReader, typeFactory, config);
        HepPlanner planner = new HepPlanner(HepProgram.builder().build());
        planner.setExecutor(NO_FOLDING);
        cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
    }

    public static CalciteContext create(CatalogView catalog) {
        return new CalciteContext(catalog);
    }

    public JavaTypeFactoryImpl typeFactory() {
        return typeFactory;
    }

    public RunnelValidator validator() {
        return validator;
    }

    public RelOptCluster cluster() {
        return cluster;
    }

    public RexBuilder rexBuilder() {
        return cluster.getRexBuilder();
    }

    public RelBuilder relBuilder() {
        return RelFactories.LOGICAL_BUILDER.create(cluster, catalogReader);
    }

    /**
     * Calcite's convertlets, but TIMESTAMPDIFF stays one call (unit flag, t1, t2) instead of interval
     * arithmetic, so the executor computes Flink's whole units (months by the calendar, with month ends).
     */
    private static final SqlRexConvertletTable CONVERTLETS = call -> {
        if (call.getKind() == SqlKind.TIMESTAMP_DIFF) {
            return (cx, c) -> {
                org.apache.calcite.rex.RexBuilder rb = cx.getRexBuilder();
                SqlNode unitNode = c.operand(0);
                org.apache.calcite.rex.RexNode unit = unitNode instanceof SqlIntervalQualifier q
                        ? rb.makeFlag(q.getUnit()) : cx.convertExpression(unitNode);
                return rb.makeCall(cx.getValidator().getValidatedNodeType(c), c.getOperator(),
                        java.util.List.of(unit, cx.convertExpression(c.operand(1)), cx.convertExpression(c.operand(2))));
            };
        }
        return StandardConvertletTable.INSTANCE.get(call);
    };

    /** A converter that keeps subqueries as RexSubQuery (Calcite's rules remove them) and IN lists as lists. */
    public SqlToRelConverter converter() {
        SqlToRelConverter.Config config = SqlToRelConverter.config()
                .withExpand(false)
                .withInSubQueryThreshold(Integer.MAX_VALUE)
                .withTrimUnusedFields(false)
                .withHintStrategyTable(HintStrategyTable.builder()
                        .hintStrategy("OPTIONS", HintPredicates.TABLE_SCAN).build());
        return new SqlToRelConverter((rowType, queryString, schemaPath, viewPath) -> {
            throw Unsupported.plural("views");
        }, validator, catalogReader, cluster, CONVERTLETS, config);
    }

    /** Validates a fresh statement tree (see {@link SqlBodies}); the validator rewrites it in place. */
    public SqlNode validate(SqlNode fresh) {
        return validator.validate(fresh);
    }
}
