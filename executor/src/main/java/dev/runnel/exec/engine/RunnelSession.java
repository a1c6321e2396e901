package dev.runnel.exec.engine;

import dev.runnel.exec.catalog.CatalogSnapshot;
import dev.runnel.exec.copy.CopyExecutor;
import dev.runnel.exec.copy.CopyOptions;
import dev.runnel.exec.copy.CopyResult;
import dev.runnel.exec.view.ViewLookup;
import dev.runnel.log.UnavailableException;
import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.StatementPlanner;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.ddl.ScanStart;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.StatementParser;
import dev.runnel.sql.statement.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A session of the embedded engine: parses a statement, plans it against a catalog snapshot and
 * the session's settings, and runs it. Catalog changes go through the durable catalog, which
 * writes its event before changing anything, so a failed statement leaves catalog and data as they
 * were. Not thread-safe (one statement at a time), except cancelling a running result.
 */
final class RunnelSession implements Session {
    private final RunnelEngine engine;
    private final StatementParser parser = new StatementParser();
    private final StatementPlanner planner = new StatementPlanner();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final PlanCache plans = new PlanCache();
    private long settingsVersion;
    private final QueryRunner queries;
    private Consumer<String> progress;
    private boolean closed;

    RunnelSession(RunnelEngine engine) {
        this.engine = engine;
        this.queries = new QueryRunner(engine);
    }

    @Override
    public StatementResult execute(String sql, List<Object> parameters) {
        ensureOpen();
        List<Object> params = parameters == null ? List.of() : parameters;
        PlanCache.Entry cached = plans.get(sql, engine.catalog().version(), settingsVersion);
        if (cached != null) {
            engine.ensureOpen();
            return runQuery(cached.stmt(), cached.query(), cached.lookup(), params);
        }
        return run(parser.parse(sql), params, sql);
    }

    @Override
    public void executeScript(String script, Consumer<StatementResult> onResult) {
        ensureOpen();
        for (Statement stmt : parser.parseScript(script)) {
            onResult.accept(run(stmt, List.of(), null));
        }
    }

    @Override
    public PreparedInfo prepare(String sql) {
        ensureOpen();
        PlannedStatement planned = plan(parser.parse(sql), engine.catalog(), sql);
        if (planned instanceof PlannedStatement.Query q) {
            return new PreparedInfo(Parameters.types(q.root(), q.parameterCount()), q.root().schema().columns(), true);
        }
        if (planned instanceof PlannedStatement.Insert i) {
            return new PreparedInfo(Parameters.types(i.source(), i.parameterCount()), List.of(), false);
        }
        if (planned instanceof PlannedStatement.CreateJob c) {
            return new PreparedInfo(Parameters.types(c.insert().source(), c.insert().parameterCount()), List.of(), false);
        }
        return new PreparedInfo(List.of(), CatalogRows.columnsOf(planned), planned instanceof PlannedStatement.Show
                || planned instanceof PlannedStatement.Describe || planned instanceof PlannedStatement.Explain);
    }

    private PlannedStatement plan(Statement stmt) {
        return plan(stmt, engine.catalog(), null);
    }

    /** Plans against {@code catalog}; a query planned from {@code sql} (not null) is kept for the next execute. */
    private PlannedStatement plan(Statement stmt, CatalogSnapshot catalog, String sql) {
        PlannedStatement planned = planner.plan(stmt, catalog, Collections.unmodifiableMap(settings));
        if (sql != null && planned instanceof PlannedStatement.Query q) {
            plans.put(sql, catalog.version(), settingsVersion, stmt, q);
        }
        return planned;
    }

    private StatementResult runQuery(Statement stmt, PlannedStatement.Query q, ViewLookup lookup,
            List<Object> parameters) {
        Parameters.check(q.parameterCount(), parameters, stmt.pos());
        return queries.query(q, parameters, ScanStart.fromSettings(settings),
                !"eventual".equalsIgnoreCase(settings.getOrDefault("consistency", "read-your-writes")), lookup,
                dev.runnel.planner.ddl.SettingsPlanner.stateTtlMillis(settings));
    }

    /**
     * Runs a statement; a log that cannot be reached (a Kafka broker down) fails it with 08006, saying
     * that what it would have written is not reported written (an INSERT may be retried once the
     * log is back).
     */
    private StatementResult run(Statement stmt, List<Object> parameters, String sql) {
        try {
            return runStatement(stmt, parameters, sql);
        } catch (UnavailableException e) {
            throw new RunnelSqlException("08006", "the log is not reachable" + (engine.config().onKafka()
                    ? " (Kafka at " + engine.config().kafka().bootstrap() + ")" : "") + ": " + e.getMessage()
                    + "; the statement did not complete and nothing it wrote is reported written", stmt.pos(), e);
        }
    }

    private StatementResult runStatement(Statement stmt, List<Object> parameters, String sql) {
        engine.ensureOpen();
        PlannedStatement planned;
        CatalogSnapshot catalog = engine.catalog();
        try {
            planned = plan(stmt, catalog, sql);
        } catch (RunnelSqlException e) {
            // in a cluster: planned against DDL this process had not read yet? (the follower may have
            // read it meanwhile, so compare with the catalog the plan saw)
            engine.catchUpWithCluster();
            if (engine.catalog().version() == catalog.version()) {
                throw e;
            }
            planned = plan(stmt, engine.catalog(), sql);
        }
        if (planned instanceof PlannedStatement.Query q) {
            return runQuery(stmt, q, PlanCache.lookupOf(q), parameters);
        }
        if (planned instanceof PlannedStatement.Insert i) {
            Parameters.check(i.parameterCount(), parameters, stmt.pos());
            QueryRunner.Inserted done = queries.insert(i, parameters);
            long rows = done.rows();
            return new UpdateResult(rows, rows + (rows == 1 ? " row" : " rows") + " inserted into "
                    + i.target().name(), done.warnings());
        }
        if (!parameters.isEmpty()) {
            throw new RunnelSqlException("07001", "this statement takes no parameters", stmt.pos());
        }
        if (planned instanceof PlannedStatement.CreateJob c) {
            return UpdateResult.message(engine.jobs().create(c, settings, stmt.pos()));
        }
        if (planned instanceof PlannedStatement.CreateView v) {
            return UpdateResult.message(engine.views().create(v, settings, stmt.pos()));
        }
        if (planned instanceof PlannedStatement.CreateSearch c) {
            return UpdateResult.message(engine.searches().create(c, settings, stmt.pos()));
        }
        if (planned instanceof PlannedStatement.StopJob s) {
            engine.searches().refuseSearchJob(s.name(), "STOP", stmt.pos());
            return UpdateResult.message(engine.jobs().stop(s.name(), stmt.pos()));
        }
        if (planned instanceof PlannedStatement.CreateRelation c) {
            return create(c);
        }
        if (planned instanceof PlannedStatement.Drop d) {
            return drop(d, stmt.pos());
        }
        if (planned instanceof PlannedStatement.Show s) {
            return CatalogRows.show(s.kind(), engine, settings);
        }
        if (planned instanceof PlannedStatement.Describe d) {
            return CatalogRows.describe(d, engine, stmt.pos());
        }
        if (planned instanceof PlannedStatement.Explain e) {
            return CatalogRows.explain(e.lines());
        }
        if (planned instanceof PlannedStatement.Set s) {
            String key = s.key().toLowerCase(Locale.ROOT);
            settingsVersion++;
            if (s.value() == null) {
                settings.remove(key);
                return UpdateResult.message("RESET " + key);
            }
            settings.put(key, s.value());
            return UpdateResult.message("SET " + key + " = " + s.value());
        }
        if (planned instanceof PlannedStatement.Copy c) {
            return copy(c);
        }
        throw new RunnelSqlException("XX000", "statement kind not handled: " + planned.getClass().getSimpleName(),
                stmt.pos());
    }

    private StatementResult create(PlannedStatement.CreateRelation c) {
        RelationDef def = c.relation();
        String what = kindName(def.kind());
        if (engine.catalog().find(def.name()).isPresent() && c.ifNotExists()) {
            return UpdateResult.message(what + " " + def.name() + " already exists; nothing done");
        }
        engine.catalogStore().create(def);
        return UpdateResult.message("created " + what + " " + def.name());
    }

    private StatementResult drop(PlannedStatement.Drop d, SourcePos pos) {
        switch (d.kind()) {
            case STREAM, TABLE, MATERIALIZED_VIEW -> {
                if (d.relation().isEmpty()) {
                    return UpdateResult.message(d.name() + " does not exist; nothing done");
                }
                RelationDef def = d.relation().get();
                List<String> searching = engine.searches().ofStream(def.name()).stream()
                        .map(dev.runnel.exec.catalog.SearchDef::name).toList();
                if (!searching.isEmpty()) {
                    throw new RunnelSqlException("2BP01", "stream " + def.name() + " has standing searches ("
                            + String.join(", ", searching) + "); DROP SEARCH them first", pos);
                }
                List<String> dropped = engine.views().drop(def, d.cascade(), pos);
                String also = dropped.size() == 1 ? "" : " (and materialized view" + (dropped.size() == 2 ? " " : "s ")
                        + String.join(", ", dropped.subList(0, dropped.size() - 1)) + ", which read it)";
                return UpdateResult.message("dropped " + kindName(def.kind()) + " " + def.name() + also);
            }
            case TOPIC -> {
                CatalogView cat = engine.catalog();
                for (RelationDef r : cat.all()) {
                    if (r.storage().topic().equalsIgnoreCase(d.name())) {
                        throw new RunnelSqlException("2BP01", "topic '" + d.name() + "' holds " + kindName(r.kind())
                                + " " + r.name() + "; drop that instead", pos);
                    }
                }
                if (!engine.log().topicExists(d.name())) {
                    if (d.ifExists()) {
                        return UpdateResult.message("topic " + d.name() + " does not exist; nothing done");
                    }
                    throw new RunnelSqlException("42S02", "unknown topic '" + d.name() + "'", pos);
                }
                engine.log().deleteTopic(d.name());
                return UpdateResult.message("dropped topic " + d.name());
            }
            case JOB -> {
                engine.searches().refuseSearchJob(d.name(), "DROP", pos);
                return UpdateResult.message(engine.jobs().drop(d.name(), d.ifExists(), pos));
            }
            case SEARCH -> {
                return UpdateResult.message(engine.searches().drop(d.name(), d.ifExists(), pos));
            }
        }
        throw new RunnelSqlException("XX000", "unknown drop kind " + d.kind(), pos);
    }

    private StatementResult copy(PlannedStatement.Copy c) {
        CopyExecutor executor = new CopyExecutor(engine.log(), engine.allocator(), engine.config().clock());
        Consumer<String> listener = progress;
        CopyResult r = executor.copy(c.target(), Path.of(c.path()), CopyOptions.parse(c.options()), p -> {
            if (listener != null) {
                listener.accept("COPY " + c.target().name() + ": " + p.rowsRead() + " rows read, " + p.rowsLoaded()
                        + " loaded, " + p.rowsRejected() + " rejected");
            }
        });
        if (r.alreadyLoaded()) {
            // nothing was read or written: no rows to count, and the earlier run already warned
            return new UpdateResult(0, "COPY " + c.target().name() + ": this file was already loaded ("
                    + r.rowsLoaded() + (r.rowsLoaded() == 1 ? " row, " : " rows, ") + r.rowsRejected()
                    + " rejected); nothing done"
                    + " (WITH (reload = true) loads it again)", List.of());
        }
        List<String> warnings = new ArrayList<>();
        if (r.rowsRejected() > 0) {
            warnings.add(r.rowsRejected() + " malformed " + (r.rowsRejected() == 1 ? "row" : "rows")
                    + " went to dead-letter topic " + r.deadLetterTopic());
        }
        String message = "COPY " + r.rowsLoaded() + (r.resumed() ? " (resumed)" : "");
        return new UpdateResult(r.rowsLoaded(), message, warnings);
    }

    static String kindName(RelationKind kind) {
        return switch (kind) {
            case STREAM -> "stream";
            case TABLE -> "table";
            case MATERIALIZED_VIEW -> "materialized view";
        };
    }

    @Override
    public Map<String, String> settings() {
        return Collections.unmodifiableMap(settings);
    }

    @Override
    public void setProgressListener(Consumer<String> listener) {
        this.progress = listener;
        queries.progressListener(listener);
    }

    @Override
    public Engine engine() {
        return engine;
    }

    private void ensureOpen() {
        if (closed) {
            throw new RunnelSqlException("08003", "the session is closed", SourcePos.UNKNOWN);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queries.cancelAll();
            engine.sessionClosed(this);
        }
    }
}
