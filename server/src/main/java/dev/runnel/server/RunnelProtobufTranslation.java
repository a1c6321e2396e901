package dev.runnel.server;

import java.io.IOException;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's protobuf translation, except that fetched rows are written by
 * {@link FetchResponseWriter} (the same bytes a client parses, made without a message per value).
 * Thread-safe.
 */
final class RunnelProtobufTranslation implements ProtobufTranslation {
    private final ProtobufTranslationImpl avatica = new ProtobufTranslationImpl();

    @Override
    public byte[] serializeResponse(Service.Response response) throws IOException {
        if (response instanceof Service.FetchResponse fetch) {
            byte[] bytes = FetchResponseWriter.write(fetch);
            if (bytes != null) {
                return bytes;
            }
        }
        return avatica.serializeResponse(response);
    }

    @Override
    public byte[] serializeRequest(Service.Request request) throws IOException {
        return avatica.serializeRequest(request);
    }

    @Override
    public Service.Request parseRequest(byte[] bytes) throws IOException {
        return avatica.parseRequest(bytes);
    }

    @Override
    public Service.Response parseResponse(byte[] bytes) throws IOException {
        return avatica.parseResponse(bytes);
    }
}
