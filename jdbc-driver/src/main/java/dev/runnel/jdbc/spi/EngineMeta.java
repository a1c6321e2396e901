package dev.runnel.jdbc.spi;

import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.avatica.Meta;

/**
 * What a Runnel {@link Meta} offers beyond Avatica's: cancelling a running statement, the message
 * and warnings of the last execution, and progress reports of long statements. The driver uses
 * these when the connection's Meta implements this interface (embedded mode); other Metas (remote
 * mode) simply lack them.
 *
 * <p>Thread-safety: {@link #cancel} may be called from any thread while another thread executes or
 * fetches; the other methods follow the statement's thread.
 */
public interface EngineMeta extends Meta {

    /**
     * Stops what the statement is running: a waiting fetch returns the end; a statement that has
     * not yet produced its result is stopped as soon as it does. A no-op when nothing runs.
     */
    void cancel(StatementHandle h);

    /** The message of the statement's last execution, e.g. {@code created stream bids}; null for none. */
    String resultMessage(StatementHandle h);

    /** Warnings of the statement's last execution (for a query: those collected so far). */
    List<String> warnings(StatementHandle h);

    /** Whether the statement's current result is a push query that does not end by itself. */
    boolean unbounded(StatementHandle h);

    /** Where long statements of this connection (COPY) report progress; null for nowhere. */
    void setProgressListener(ConnectionHandle ch, Consumer<String> listener);
}
