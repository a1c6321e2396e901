package dev.runnel.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements closed lately, by statement id (the newest {@link #KEEP}): a remote cancel
 * closes the statement on the server (Avatica's protocol has no cancel), and the client may then
 * execute the same PreparedStatement again, which re-opens it with what it prepared. Thread-safe.
 */
final class ClosedStatements {
    static final int KEEP = 1_024;

    private final Map<Integer, StatementState> closed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StatementState> eldest) {
            return size() > KEEP;
        }
    };

    /** Remembers what {@code st}, just closed, prepared (nothing if it prepared nothing). */
    synchronized void closed(StatementState st) {
        if (st.preparedSql() != null) {
            StatementState again = new StatementState(st.handle);
            again.prepared(st.preparedSql(), st.preparedInfo());
            closed.put(st.handle.id, again);
        }
    }

    /** A fresh state for closed prepared statement {@code id} of {@code connectionId}, or null. */
    synchronized StatementState reopen(int id, String connectionId) {
        StatementState st = closed.get(id);
        if (st == null || !st.handle.connectionId.equals(connectionId)) {
            return null;
        }
        closed.remove(id);
        return st;
    }

    /** Forgets a closed connection's statements. */
    synchronized void connectionClosed(String connectionId) {
        closed.values().removeIf(st -> st.handle.connectionId.equals(connectionId));
    }
}
