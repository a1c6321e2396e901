package dev.runnel.server;

import dev.runnel.sql.RunnelSqlException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Turns engine failures into what Avatica carries to the client: an {@link AvaticaRuntimeException}
 * with the SQLSTATE and the user-facing message ({@code line 1, column 15: unknown column 'pricee'
 * (did you mean 'price'?)}), which the driver rethrows as a SQLException. Stateless.
 */
final class EngineErrors {
    private EngineErrors() {}

    /** An error whose message and SQLSTATE the client sees as they are. */
    static final class EngineError extends AvaticaRuntimeException {
        private static final long serialVersionUID = 1L;

        EngineError(String message, String sqlState, Throwable cause) {
            super(message, Service.ErrorResponse.UNKNOWN_ERROR_CODE, sqlState, AvaticaSeverity.ERROR);
            if (cause != null) {
                initCause(cause);
            }
        }

        @Override
        public String getMessage() {
            return getErrorMessage();
        }
    }

    static EngineError of(String sqlState, String message) {
        return new EngineError(message, sqlState, null);
    }

    /** The client-side form of anything the engine threw. */
    static RuntimeException translate(RuntimeException e) {
        if (e instanceof AvaticaRuntimeException) {
            return e;
        }
        if (e instanceof RunnelSqlException r) {
            return new EngineError(r.getMessage(), r.sqlState(), r);
        }
        if (e instanceof UnsupportedOperationException) {
            return new EngineError(message(e), "0A000", e);
        }
        return new EngineError("internal error: " + message(e), "XX000", e);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
