package dev.runnel.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import dev.runnel.jdbc.impl.ResultNotes;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of the remote JDBC protocol: Avatica's protobuf handler, with what clients see
 * of failures cut to a message and a SQLSTATE. Avatica's own endpoint sends every exception's
 * stack trace to the client; this one keeps them in the server's log. A body that is not an
 * Avatica request gets HTTP 400 and an error response, a request of too many bytes HTTP 413, any
 * other method than POST HTTP 405. Fetched rows are encoded by {@link RunnelProtobufTranslation}.
 * Thread-safe.
 */
final class ProtobufEndpoint extends AbstractHandler implements AvaticaHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProtobufEndpoint.class);
    /** Larger requests are refused; a JDBC request is a statement and its parameters. */
    static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;
    private static final int MAX_MESSAGE_CHARS = 2000;

    private final ProtobufTranslation translation = new RunnelProtobufTranslation();
    private final Service service;
    private final ProtobufHandler handler;
    private volatile Service.RpcMetadataResponse metadata;

    /** The message and warnings of a connection's statement (null if it has none), for {@link ResultNotes}. */
    interface NotesSource {
        ResultNotes.Notes notes(String connectionId, int statementId);
    }

    private final NotesSource notes;

    ProtobufEndpoint(Service service, NotesSource notes) {
        this.service = service;
        this.notes = notes;
        this.handler = new ProtobufHandler(service, translation, NoopMetricsSystem.getInstance());
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        base.setHandled(true);
        if (!"POST".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "POST");
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write("This is a Runnel JDBC endpoint: connect with jdbc:runnel://host:port\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        int status;
        byte[] body;
        try {
            byte[] bytes = readAll(request.getInputStream(), request.getContentLength());
            if (bytes == null) {
                status = 413;
                body = error("request too large (more than " + MAX_REQUEST_BYTES + " bytes)", "08P01");
            } else {
                Service.Request parsed = parse(bytes);
                HandlerResponse<byte[]> r = parsed != null ? handler.apply(bytes) : null;
                if (r == null) {
                    status = HttpServletResponse.SC_BAD_REQUEST;
                    body = error("malformed request: not an Avatica protobuf message", "08P01");
                } else if (r.getStatusCode() == HttpServletResponse.SC_OK) {
                    status = r.getStatusCode();
                    body = withNotes(parsed, r.getResponse());
                } else {
                    status = r.getStatusCode();
                    body = sanitize(r.getResponse());
                }
            }
        } catch (Throwable t) { // nothing a client sends may take the server down or reach it as a trace
            LOG.warn("request from {} failed", request.getRemoteAddr(), t);
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            body = error("internal error", "XX000");
        }
        response.setStatus(status);
        response.setContentType("application/octet-stream;charset=utf-8");
        response.getOutputStream().write(body);
    }

    /** The request, or null if the bytes are not one. */
    private Service.Request parse(byte[] bytes) {
        try {
            return translation.parseRequest(bytes);
        } catch (IOException | RuntimeException e) {
            LOG.debug("malformed request", e);
            return null;
        }
    }

    /**
     * An execution's or fetch's response with the statement's message and warnings added (see
     * {@link ResultNotes}): what Runnel's driver shows as {@code getResultMessage()} and
     * {@code getWarnings()}; other Avatica clients skip the extra field.
     */
    private byte[] withNotes(Service.Request request, byte[] response) {
        String connection;
        int statement;
        if (request instanceof Service.PrepareAndExecuteRequest p) {
            connection = p.connectionId;
            statement = p.statementId;
        } else if (request instanceof Service.ExecuteRequest e && e.statementHandle != null) {
            connection = e.statementHandle.connectionId;
            statement = e.statementHandle.id;
        } else if (request instanceof Service.FetchRequest f) {
            connection = f.connectionId;
            statement = f.statementId;
        } else {
            return response;
        }
        ResultNotes.Notes n = notes.notes(connection, statement);
        return n == null ? response : ResultNotes.attach(response, n);
    }

    /** The error as the client sees it: message, code, SQLSTATE and severity; no exceptions. */
    private byte[] sanitize(byte[] response) throws IOException {
        Service.Response parsed;
        try {
            parsed = translation.parseResponse(response);
        } catch (IOException | RuntimeException e) {
            return error("internal error", "XX000");
        }
        if (!(parsed instanceof Service.ErrorResponse e)) {
            return response;
        }
        if (!e.exceptions.isEmpty()) {
            LOG.debug("error response: {}\n{}", e.errorMessage, String.join("\n", e.exceptions));
        }
        String message = e.errorMessage == null ? "error" : e.errorMessage;
        if (message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
        return translation.serializeResponse(new Service.ErrorResponse(List.of(), message, e.errorCode, e.sqlState,
                e.severity == null ? AvaticaSeverity.ERROR : e.severity, metadata));
    }

    private byte[] error(String message, String sqlState) throws IOException {
        return translation.serializeResponse(new Service.ErrorResponse(List.of(), message,
                Service.ErrorResponse.UNKNOWN_ERROR_CODE, sqlState, AvaticaSeverity.ERROR, metadata));
    }

    /** The body, null when longer than allowed; read into one array of the declared length when there is one. */
    private static byte[] readAll(InputStream in, int contentLength) throws IOException {
        try (in) {
            if (contentLength > MAX_REQUEST_BYTES) {
                return null;
            }
            if (contentLength >= 0) {
                byte[] bytes = in.readNBytes(contentLength);
                return in.read() < 0 ? bytes : null; // more than declared: refused as too large
            }
            byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
            return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
        }
    }

    @Override
    public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
        this.metadata = metadata;
        service.setRpcMetadata(metadata);
        handler.setRpcMetadata(metadata);
    }
}
