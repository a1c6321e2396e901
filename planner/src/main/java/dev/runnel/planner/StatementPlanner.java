package dev.runnel.planner;

import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.ddl.CatalogStatements;
import dev.runnel.planner.ddl.CopyPlanner;
import dev.runnel.planner.ddl.CreateViewPlanner;
import dev.runnel.planner.ddl.CreateRelationPlanner;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.ddl.SettingsPlanner;
import dev.runnel.planner.error.SqlState;
import dev.runnel.planner.explain.ExplainWriter;
import dev.runnel.planner.query.InsertPlanner;
import dev.runnel.planner.query.QueryPlanner;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Copy;
import dev.runnel.sql.statement.CreateJob;
import dev.runnel.sql.statement.CreateMaterializedView;
import dev.runnel.sql.statement.CreateStream;
import dev.runnel.sql.statement.CreateTable;
import dev.runnel.sql.statement.Describe;
import dev.runnel.sql.statement.Drop;
import dev.runnel.sql.statement.Explain;
import dev.runnel.sql.statement.Insert;
import dev.runnel.sql.statement.Query;
import dev.runnel.sql.statement.SetOption;
import dev.runnel.sql.statement.Show;
import dev.runnel.sql.statement.Statement;
import dev.runnel.sql.statement.StopJob;
import java.util.Map;
import java.util.Objects;

/**
 * The planner's entry point: turns one parsed statement into what the executor runs, validated
 * against a catalog snapshot. Everything it throws is a {@link RunnelSqlException} with a SQLSTATE
 * and a script position: errors without a position of their own get the statement's, and
 * anything unexpected becomes {@code XX000} (internal error) rather than escaping as another type.
 * Planning never changes the catalog. Stateless and thread-safe.
 *
 * <p>Java 17 has no pattern matching for {@code switch}, so statements are dispatched with an
 * {@code instanceof} chain over the sealed {@link Statement} records; {@code StatementPlannerTest}
 * plans one statement of every permitted record, so a new record fails that test until handled.
 */
public final class StatementPlanner {

    /**
     * Plans one statement.
     *
     * @param settings the session's SET options (lower-case keys); {@code scan.start} is recorded in jobs
     */
    public PlannedStatement plan(Statement stmt, CatalogView catalog, Map<String, String> settings) {
        Objects.requireNonNull(stmt, "stmt");
        Objects.requireNonNull(catalog, "catalog");
        try {
            return dispatch(stmt, catalog, settings == null ? Map.of() : settings);
        } catch (RunnelSqlException e) {
            if (e.position().equals(SourcePos.UNKNOWN)) {
                throw new RunnelSqlException(e.sqlState(), e.detail(), stmt.pos(), e);
            }
            throw e;
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            String what = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("").strip();
            throw new RunnelSqlException(SqlState.INTERNAL, "internal error while planning this statement ("
                    + e.getClass().getSimpleName() + what + ")", stmt.pos(), e);
        }
    }

    private PlannedStatement dispatch(Statement stmt, CatalogView catalog, Map<String, String> settings) {
        if (stmt instanceof CreateStream s) {
            return CreateRelationPlanner.plan(s, catalog);
        }
        if (stmt instanceof CreateTable t) {
            return CreateRelationPlanner.plan(t, catalog);
        }
        if (stmt instanceof CreateMaterializedView v) {
            return CreateViewPlanner.plan(v, catalog, SettingsPlanner.stateTtlMillis(settings));
        }
        if (stmt instanceof Drop d) {
            return CatalogStatements.drop(d, catalog);
        }
        if (stmt instanceof Show s) {
            return CatalogStatements.show(s);
        }
        if (stmt instanceof Describe d) {
            return CatalogStatements.describe(d, catalog);
        }
        if (stmt instanceof Explain e) {
            return explain(e, catalog, SettingsPlanner.stateTtlMillis(settings));
        }
        if (stmt instanceof SetOption s) {
            return SettingsPlanner.plan(s);
        }
        if (stmt instanceof Insert i) {
            PlannedStatement.Insert planned = InsertPlanner.plan(i, catalog);
            if (InsertPlanner.isContinuous(i)) {
                return new PlannedStatement.CreateJob(null, planned, i.text(),
                        ScanStart.fromSettings(settings).toString(), false);
            }
            return planned;
        }
        if (stmt instanceof CreateJob j) {
            return new PlannedStatement.CreateJob(j.name(), InsertPlanner.plan(j.insert(), catalog), j.insert().text(),
                    ScanStart.fromSettings(settings).toString(), j.ifNotExists());
        }
        if (stmt instanceof dev.runnel.sql.statement.CreateSearch s) {
            return dev.runnel.planner.ddl.CreateSearchPlanner.plan(s, catalog);
        }
        if (stmt instanceof StopJob s) {
            return new PlannedStatement.StopJob(s.name());
        }
        if (stmt instanceof Copy c) {
            return CopyPlanner.plan(c, catalog);
        }
        if (stmt instanceof Query q) {
            return QueryPlanner.plan(q.body(), q.stream(), catalog);
        }
        throw new IllegalStateException("unhandled statement " + stmt.getClass().getSimpleName());
    }

    private PlannedStatement.Explain explain(Explain e, CatalogView catalog, long ttl) {
        if (e.analyze()) {
            throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "EXPLAIN ANALYZE is not supported yet", e.pos());
        }
        Statement inner = e.statement();
        if (inner instanceof Query q) {
            return new PlannedStatement.Explain(ExplainWriter.explain(QueryPlanner.plan(q.body(), q.stream(), catalog), ttl));
        }
        if (inner instanceof Insert i) {
            return new PlannedStatement.Explain(ExplainWriter.explain(InsertPlanner.plan(i, catalog), ttl));
        }
        throw new RunnelSqlException(SqlState.NOT_SUPPORTED, "EXPLAIN of this statement is not supported yet: "
                + "EXPLAIN works on queries and INSERT", inner.pos());
    }
}
