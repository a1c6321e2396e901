package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.PreparedInfo;
import dev.runnel.exec.engine.RowResult;
import dev.runnel.exec.engine.Session;
import dev.runnel.exec.engine.StatementResult;
import dev.runnel.exec.engine.UpdateResult;
import dev.runnel.log.LogStore;
import dev.runnel.planner.catalog.CatalogView;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.type.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A stand-in engine for testing the JDBC layer alone: each statement text is answered by a
 * function the test registered, so type mapping, frames, cancellation and errors can be pinned
 * without depending on what SQL the real engine supports. Thread-safe.
 */
final class ScriptedEngine implements Engine {
    private final Map<String, Function<List<Object>, StatementResult>> answers = new ConcurrentHashMap<>();
    private final Map<String, PreparedInfo> prepared = new ConcurrentHashMap<>();
    private final List<RelationDef> relations = new CopyOnWriteArrayList<>();
    final List<List<Object>> parametersSeen = new CopyOnWriteArrayList<>();
    final AtomicInteger openSessions = new AtomicInteger();
    volatile boolean closed;

    ScriptedEngine on(String sql, Function<List<Object>, StatementResult> answer) {
        answers.put(normalize(sql), answer);
        return this;
    }

    ScriptedEngine prepares(String sql, PreparedInfo info) {
        prepared.put(normalize(sql), info);
        return this;
    }

    ScriptedEngine relation(RelationDef def) {
        relations.add(def);
        return this;
    }

    private static String normalize(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    @Override
    public Session openSession() {
        openSessions.incrementAndGet();
        return new ScriptedSession();
    }

    @Override
    public CatalogView catalog() {
        List<RelationDef> snapshot = new ArrayList<>(relations);
        snapshot.sort(Comparator.comparing(RelationDef::name));
        return new CatalogView() {
            @Override
            public Optional<RelationDef> find(String name) {
                return snapshot.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
            }

            @Override
            public Collection<RelationDef> all() {
                return snapshot;
            }
        };
    }

    @Override
    public LogStore log() {
        throw new UnsupportedOperationException("no log in the scripted engine");
    }

    @Override
    public void close() {
        closed = true;
    }

    private final class ScriptedSession implements Session {
        Consumer<String> progress;

        @Override
        public StatementResult execute(String sql, List<Object> parameters) {
            Function<List<Object>, StatementResult> answer = answers.get(normalize(sql));
            if (answer == null) {
                throw new RunnelSqlException("42000", "no scripted answer for: " + normalize(sql), SourcePos.UNKNOWN);
            }
            parametersSeen.add(parameters);
            if (progress != null) {
                progress.accept("running " + normalize(sql));
            }
            return answer.apply(parameters);
        }

        @Override
        public void executeScript(String script, Consumer<StatementResult> onResult) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PreparedInfo prepare(String sql) {
            PreparedInfo info = prepared.get(normalize(sql));
            if (info == null) {
                throw new RunnelSqlException("42000", "cannot prepare: " + normalize(sql), SourcePos.UNKNOWN);
            }
            return info;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of();
        }

        @Override
        public void setProgressListener(Consumer<String> listener) {
            progress = listener;
        }

        @Override
        public Engine engine() {
            return ScriptedEngine.this;
        }

        @Override
        public void close() {
            openSessions.decrementAndGet();
        }
    }

    static UpdateResult update(long count, String message, String... warnings) {
        return new UpdateResult(count, message, List.of(warnings));
    }

    static Column col(String name, DataType type) {
        return new Column(name, type);
    }

    /** A finished query's rows. */
    static RowResult rows(List<Column> columns, List<Object[]> rows) {
        return new QueueRows(columns, false, rows, true);
    }

    /** A push query: rows arrive through {@link QueueRows#push}; it ends only when cancelled. */
    static QueueRows push(List<Column> columns) {
        return new QueueRows(columns, true, List.of(), false);
    }

    /** Rows served from a queue; {@code fetch} blocks like the engine's. */
    static final class QueueRows implements RowResult {
        private static final Object[] END = new Object[0];
        private final List<Column> columns;
        private final boolean unbounded;
        private final LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;
        volatile boolean closed;
        private boolean ended;

        QueueRows(List<Column> columns, boolean unbounded, List<Object[]> rows, boolean finished) {
            this.columns = List.copyOf(columns);
            this.unbounded = unbounded;
            queue.addAll(rows);
            if (finished) {
                queue.add(END);
            }
        }

        void push(Object... row) {
            queue.add(row);
        }

        @Override
        public List<Column> columns() {
            return columns;
        }

        @Override
        public boolean unbounded() {
            return unbounded;
        }

        @Override
        public List<Object[]> fetch(int maxRows) {
            List<Object[]> out = new ArrayList<>();
            while (!ended && out.isEmpty()) {
                Object[] row;
                try {
                    row = queue.poll(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return out;
                }
                if (cancelled) {
                    ended = true;
                } else if (row == END) {
                    ended = true;
                } else if (row != null) {
                    out.add(row);
                    while (out.size() < maxRows && queue.peek() != null && queue.peek() != END) {
                        out.add(queue.poll());
                    }
                }
            }
            return out;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public List<String> warnings() {
            return List.copyOf(warnings);
        }

        @Override
        public void close() {
            closed = true;
            cancelled = true;
        }
    }
}
