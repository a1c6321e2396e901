package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.PreparedInfo;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.StatementResult;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.jdbc.spi.EngineMeta;
import dev.runnel.planner.catalog.Column;
import dev.runnel.sql.type.DataType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The engine side of JDBC: serves Avatica connections from one {@link Engine}, with one engine
 * {@link Session} per connection. Statements run through {@link Session#execute}; a query's rows
 * travel in frames of the engine's own values (see {@link TypeMapping}); an update reports its
 * count, and its message and warnings through {@link EngineMeta}. Engine errors reach the client
 * with their SQLSTATE and {@code line L, column C: ...} message.
 *
 * <p>Thread-safe: connections and statements may be used from different threads;
 * {@link #cancel} may be called while another thread executes or fetches.
 */
public final class RunnelMeta extends MetaImpl implements EngineMeta {
    private final Engine engine;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Integer, StatementState> statements = new ConcurrentHashMap<>();
    private final ClosedStatements closedPrepared = new ClosedStatements();
    private final AtomicInteger statementIds = new AtomicInteger();
    /** Server mode: idle connections are closed, and their late requests refused. */
    private final ConnectionActivity activity = new ConnectionActivity();
    private volatile long pollMillis = -1;

    /**
     * @param connection the embedded connection this Meta serves, or null when it serves remote
     *     connections (then rows are only fetched through {@link #fetch})
     * @param engine the engine; not closed by this Meta
     * @param onClose run once, when the last open connection closes (embedded); null for a Meta
     *     that serves connections until its server stops
     */
    public RunnelMeta(AvaticaConnection connection, Engine engine, Runnable onClose) {
        super(connection);
        this.engine = engine;
        this.onClose = onClose;
    }

    // ---- serving remote clients

    /**
     * Serve remote clients: close connections that send no request for {@code idleTimeout} (so a
     * client that died frees its session and queries), and answer a push query's fetch after at
     * most {@code pollInterval} even without rows (so a live client keeps asking).
     */
    void serveRemote(Duration idleTimeout, Duration pollInterval) {
        pollMillis = pollInterval.toMillis();
        activity.watch(idleTimeout, sessions::keySet, id -> closeConnection(new ConnectionHandle(id)));
    }

    /** Connections with an open session. */
    int openConnections() {
        return sessions.size();
    }

    /** Server stopped: closes every connection's session and stops watching for idle ones. */
    void shutdown() {
        activity.stop();
        for (String id : List.copyOf(sessions.keySet())) {
            closeConnection(new ConnectionHandle(id));
        }
    }

    // ---- connections and statements

    private Session session(String connectionId) {
        if (closed.get()) {
            throw EngineErrors.of("08003", "connection is closed");
        }
        if (activity.expired(connectionId)) {
            throw EngineErrors.of("08003", "the server closed this connection after "
                    + activity.idleTimeoutSeconds() + " s without requests; connect again");
        }
        activity.touch(connectionId);
        return sessions.computeIfAbsent(connectionId, id -> {
            try {
                return engine.openSession();
            } catch (RuntimeException e) {
                throw EngineErrors.translate(e);
            }
        });
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
        session(ch.id);
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        closedPrepared.connectionClosed(ch.id);
        statements.values().removeIf(st -> {
            if (st.handle.connectionId.equals(ch.id)) {
                st.close();
                return true;
            }
            return false;
        });
        Session s = sessions.remove(ch.id);
        activity.forget(ch.id);
        try {
            if (s != null) {
                s.close();
            }
        } finally {
            if (onClose != null && sessions.isEmpty() && closed.compareAndSet(false, true)) {
                onClose.run();
            }
        }
    }

    @Override
    public StatementHandle createStatement(ConnectionHandle ch) {
        activity.touch(ch.id);
        StatementHandle h = new StatementHandle(ch.id, statementIds.incrementAndGet(), null);
        statements.put(h.id, new StatementState(h));
        return h;
    }

    private StatementState state(StatementHandle h) throws NoSuchStatementException {
        StatementState st = statements.get(h.id);
        if (st == null) {
            throw new NoSuchStatementException(h);
        }
        return st;
    }

    @Override
    public void closeStatement(StatementHandle h) {
        StatementState st = statements.remove(h.id);
        if (st != null) {
            st.close();
            closedPrepared.closed(st);
        }
    }

    /** A statement, or a prepared one that was closed (cancelled) and is executed again. */
    private StatementState reopened(StatementHandle h) throws NoSuchStatementException {
        StatementState st = statements.get(h.id);
        if (st == null) {
            st = sessions.containsKey(h.connectionId) ? closedPrepared.reopen(h.id, h.connectionId) : null;
            if (st == null) {
                throw new NoSuchStatementException(h);
            }
            StatementState raced = statements.putIfAbsent(h.id, st);
            st = raced != null ? raced : st;
        }
        return st;
    }

    // ---- preparing and executing

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        Session session = session(ch.id);
        StatementHandle h = createStatement(ch);
        PreparedInfo info;
        try {
            info = session.prepare(sql);
        } catch (RuntimeException e) {
            closeStatement(h);
            throw EngineErrors.translate(e);
        }
        statements.get(h.id).prepared(sql, info);
        h.signature = signature(sql, info.resultColumns(), info.parameterTypes(),
                info.query() ? StatementType.SELECT : StatementType.OTHER_DDL);
        return h;
    }

    @SuppressWarnings("deprecation")
    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
            PrepareCallback callback) throws NoSuchStatementException {
        StatementState st = state(h);
        Session session = session(h.connectionId);
        ConnectionActivity.Activity a = activity.touch(h.connectionId);
        a.running.incrementAndGet();
        try {
            // Clear under the statement's lock, but run outside it: Statement.cancel() takes that lock.
            synchronized (callback.getMonitor()) {
                callback.clear();
            }
            MetaResultSet result = run(st, session, sql, List.of(), maxRowCount, maxRowsInFirstFrame);
            synchronized (callback.getMonitor()) {
                callback.assign(result.signature, result.firstFrame, result.updateCount);
            }
            callback.execute();
            return new ExecuteResult(List.of(result));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e); // from the client side of the callback
        } finally {
            a.lastSeen = System.nanoTime();
            a.running.decrementAndGet();
        }
    }

    @SuppressWarnings("deprecation")
    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        StatementState st = reopened(h);
        if (st.preparedSql() == null) {
            throw new NoSuchStatementException(h);
        }
        List<Object> values;
        try {
            values = ParameterValues.toEngine(parameterValues, st.preparedInfo().parameterTypes());
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
        long maxRows = maxRowCount(h);
        Session session = session(h.connectionId);
        ConnectionActivity.Activity a = activity.touch(h.connectionId);
        a.running.incrementAndGet();
        try {
            return new ExecuteResult(List.of(run(st, session, st.preparedSql(), values, maxRows,
                    maxRowsInFirstFrame)));
        } finally {
            a.lastSeen = System.nanoTime();
            a.running.decrementAndGet();
        }
    }

    /** The JDBC max-rows of the client statement, where it is in this JVM; else no limit. */
    private long maxRowCount(StatementHandle h) {
        AvaticaStatement stmt = connection == null ? null : connection.statementMap.get(h.id);
        try {
            return stmt == null ? -1 : stmt.getLargeMaxRows();
        } catch (SQLException e) {
            return -1;
        }
    }

    private MetaResultSet run(StatementState st, Session session, String sql, List<Object> parameters,
            long maxRowCount, int maxRowsInFirstFrame) {
        st.beginExecution(maxRowCount);
        StatementResult result;
        try {
            result = session.execute(sql, parameters);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
        StatementHandle h = st.handle;
        if (result instanceof RowResult rows) {
            st.acceptRows(rows);
            Signature signature = st.resultSignature(sql, rows.columns());
            if (signature == null) { // the same statement executed again mostly has the same columns
                signature = signature(sql, rows.columns(), List.of(), StatementType.SELECT);
                st.resultSignature(sql, rows.columns(), signature);
            }
            // A push query's first row may be far away: let executeQuery return, and fetch on next().
            Frame first = rows.unbounded() ? new Frame(0, false, List.of()) : st.fetch(maxRowsInFirstFrame);
            return MetaResultSet.create(h.connectionId, h.id, false, signature, first);
        }
        UpdateResult update = (UpdateResult) result;
        st.acceptUpdate(update);
        return MetaResultSet.count(h.connectionId, h.id, Math.max(0, update.count()));
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        StatementState st = state(h);
        Session session = session(h.connectionId);
        long[] counts = new long[sqlCommands.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = runUpdate(st, session, sqlCommands.get(i), List.of());
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        StatementState st = state(h);
        if (st.preparedSql() == null) {
            throw new NoSuchStatementException(h);
        }
        Session session = session(h.connectionId);
        long[] counts = new long[parameterValues.size()];
        for (int i = 0; i < counts.length; i++) {
            List<Object> values;
            try {
                values = ParameterValues.toEngine(parameterValues.get(i), st.preparedInfo().parameterTypes());
            } catch (RuntimeException e) {
                throw EngineErrors.translate(e);
            }
            counts[i] = runUpdate(st, session, st.preparedSql(), values);
        }
        return new ExecuteBatchResult(counts);
    }

    private long runUpdate(StatementState st, Session session, String sql, List<Object> values) {
        st.beginExecution(-1);
        StatementResult result;
        try {
            result = session.execute(sql, values);
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
        if (result instanceof RowResult rows) {
            rows.close();
            throw EngineErrors.of("0A000", "a batch cannot contain queries: " + sql.strip());
        }
        UpdateResult update = (UpdateResult) result;
        st.acceptUpdate(update);
        return Math.max(0, update.count());
    }

    // ---- fetching

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        StatementState st = state(h);
        ConnectionActivity.Activity a = activity.touch(h.connectionId);
        a.running.incrementAndGet();
        try {
            return st.fetch(fetchMaxRowCount, pollMillis);
        } finally {
            a.lastSeen = System.nanoTime();
            a.running.decrementAndGet();
        }
    }

    /**
     * Rows for an embedded result set, fetched only when the reader asks for the next one (Avatica's
     * own iterator fetches ahead, which would hold a push query's row back until the one after it).
     */
    @Override
    public Iterable<Object> createIterable(StatementHandle h, QueryState state, Signature signature,
            List<TypedValue> parameterValues, Frame firstFrame) {
        if (firstFrame != null && firstFrame.done) {
            return firstFrame.rows;
        }
        AvaticaStatement stmt = connection == null ? null : connection.statementMap.get(h.id);
        int fetchSize;
        try {
            fetchSize = stmt == null ? StatementState.DEFAULT_FETCH : stmt.getFetchSize();
        } catch (SQLException e) {
            fetchSize = StatementState.DEFAULT_FETCH;
        }
        int size = fetchSize;
        return () -> new LazyRows(h, firstFrame, size);
    }

    private final class LazyRows implements Iterator<Object> {
        private final StatementHandle handle;
        private final int fetchSize;
        private Iterator<Object> rows;
        private boolean done;

        LazyRows(StatementHandle handle, Frame first, int fetchSize) {
            this.handle = handle;
            this.fetchSize = fetchSize;
            this.rows = first == null ? List.of().iterator() : first.rows.iterator();
            this.done = first != null && first.done;
        }

        @Override
        public boolean hasNext() {
            while (!rows.hasNext()) {
                if (done) {
                    return false;
                }
                Frame f;
                try {
                    f = fetch(handle, 0, fetchSize);
                } catch (NoSuchStatementException | MissingResultsException e) {
                    throw EngineErrors.of("24000", "the statement's result is closed");
                }
                rows = f.rows.iterator();
                done = f.done;
            }
            return true;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return rows.next();
        }
    }

    @Override
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
        return false; // results are streams; they cannot be re-positioned
    }

    @Override
    public void commit(ConnectionHandle ch) {
        // every statement commits by itself
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        throw EngineErrors.of("0A000", "Runnel has no transactions to roll back; every statement commits by itself");
    }

    // ---- EngineMeta

    @Override
    public void cancel(StatementHandle h) {
        StatementState st = statements.get(h.id);
        if (st != null) {
            st.cancel();
        }
    }

    @Override
    public String resultMessage(StatementHandle h) {
        StatementState st = statements.get(h.id);
        return st == null ? null : st.message();
    }

    /**
     * The message and warnings of statement {@code statementId} of connection {@code connectionId}
     * (for remote clients, see {@link dev.runnel.jdbc.impl.ResultNotes}), or null if it has neither.
     */
    dev.runnel.jdbc.impl.ResultNotes.Notes notes(String connectionId, int statementId) {
        StatementState st = statements.get(statementId);
        if (st == null || !st.handle.connectionId.equals(connectionId)) {
            return null;
        }
        String message = st.message();
        List<String> warnings = st.warnings();
        return message == null && warnings.isEmpty() ? null
                : new dev.runnel.jdbc.impl.ResultNotes.Notes(connectionId, statementId, message, warnings);
    }

    @Override
    public List<String> warnings(StatementHandle h) {
        StatementState st = statements.get(h.id);
        return st == null ? List.of() : st.warnings();
    }

    @Override
    public boolean unbounded(StatementHandle h) {
        StatementState st = statements.get(h.id);
        return st != null && st.unbounded();
    }

    @Override
    public void setProgressListener(ConnectionHandle ch, Consumer<String> listener) {
        session(ch.id).setProgressListener(listener);
    }

    // ---- database metadata

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        return Map.of(
                DatabaseProperty.GET_DATABASE_PRODUCT_NAME, ServerVersion.PRODUCT_NAME,
                DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, ServerVersion.VERSION,
                DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, java.sql.Connection.TRANSACTION_NONE,
                DatabaseProperty.GET_S_Q_L_KEYWORDS, SQL_KEYWORDS);
    }

    /** Runnel's keywords that are not SQL:2003 keywords, as getSQLKeywords reports them. */
    public static final String SQL_KEYWORDS = "ANALYZE,CLUSTER,CONSUMER,COPY,CUMULATE,DESCRIPTOR,EMIT,EXPLAIN,HOP,JOB,JOBS,"
            + "MATERIALIZED,RESET,SETTINGS,SHOW,STREAM,STREAMS,STRING,TOPIC,TOPICS,TUMBLE,VIEWS,WATERMARK";

    @Override
    public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat functionNamePattern) {
        return metaResult(ch, CatalogMetadata.functions(catalog, schemaPattern.s, functionNamePattern.s));
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            List<String> typeList) {
        return metaResult(ch, CatalogMetadata.tables(catalog(), catalog, schemaPattern.s, tableNamePattern.s,
                typeList));
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
            Pat columnNamePattern) {
        return metaResult(ch, CatalogMetadata.columns(catalog(), catalog, schemaPattern.s, tableNamePattern.s,
                columnNamePattern.s));
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metaResult(ch, CatalogMetadata.primaryKeys(catalog(), catalog, schema, table));
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return metaResult(ch, CatalogMetadata.schemas(catalog, schemaPattern.s));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return metaResult(ch, CatalogMetadata.catalogs());
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return metaResult(ch, CatalogMetadata.tableTypes());
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return metaResult(ch, CatalogMetadata.typeInfo());
    }

    private dev.runnel.planner.catalog.CatalogView catalog() {
        try {
            return engine.catalog();
        } catch (RuntimeException e) {
            throw EngineErrors.translate(e);
        }
    }

    /** Avatica's empty metadata results (procedures, functions, ...), without needing a client connection. */
    @Override
    protected MetaResultSet createResultSet(Map<String, Object> internalParameters, List<ColumnMetaData> columns,
            CursorFactory cursorFactory, Frame firstFrame) {
        String connectionId = connection == null ? "" : connection.id;
        int id = statementIds.incrementAndGet();
        Signature signature = new Signature(columns, "", List.of(), internalParameters, cursorFactory,
                StatementType.SELECT);
        return MetaResultSet.create(connectionId, id, true, signature, firstFrame);
    }

    private MetaResultSet metaResult(ConnectionHandle ch, ResultTable table) {
        StatementHandle h = createStatement(ch);
        Signature signature = new Signature(table.columns(), "", List.of(), Map.of(), CursorFactory.ARRAY,
                StatementType.SELECT);
        return MetaResultSet.create(ch.id, h.id, true, signature, new Frame(0, true, table.rows()));
    }

    private static Signature signature(String sql, List<Column> columns, List<DataType> parameterTypes,
            StatementType type) {
        List<ColumnMetaData> cols = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            cols.add(TypeMapping.column(i, columns.get(i)));
        }
        List<AvaticaParameter> params = new ArrayList<>(parameterTypes.size());
        for (int i = 0; i < parameterTypes.size(); i++) {
            params.add(TypeMapping.parameter(i, parameterTypes.get(i)));
        }
        return new Signature(cols, sql, params, Map.of(), CursorFactory.ARRAY, type);
    }
}
