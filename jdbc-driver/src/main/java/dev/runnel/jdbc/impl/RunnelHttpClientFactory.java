package dev.runnel.jdbc.impl;

import java.net.URL;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactory;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.KerberosConnection;

/**
 * Avatica's HTTP client as the remote driver uses it, with two additions. It takes each response's
 * {@link ResultNotes} (statement messages and warnings, which Avatica's protocol has no place for)
 * into their registry. And in the self-contained driver jar, whose Avatica classes are relocated,
 * it renames messages: Avatica's protocol names each message by its Java class ({@code
 * org.apache.calcite.avatica.proto.Requests$FetchRequest}); relocated, the client would send and
 * expect names the server does not know, so they are renamed on the way out and back. Thread-safe.
 */
public final class RunnelHttpClientFactory implements AvaticaHttpClientFactory {
    /** Avatica's package as the server knows it, spelled so that relocation leaves the text alone. */
    static final String SERVER_PREFIX = String.join(".", "org", "apache", "calcite", "avatica") + ".";
    /** Avatica's package in this jar: the server's unless the jar relocated it. */
    static final String LOCAL_PREFIX = Common.class.getPackageName().substring(0,
            Common.class.getPackageName().length() - "proto".length());

    /** Whether this jar's Avatica is relocated, so messages need renaming. */
    public static boolean needed() {
        return !LOCAL_PREFIX.equals(SERVER_PREFIX);
    }

    @Override
    public AvaticaHttpClient getClient(URL url, ConnectionConfig config, KerberosConnection kerberos) {
        AvaticaHttpClient http = AvaticaHttpClientFactoryImpl.getInstance().getClient(url, config, kerberos);
        boolean renaming = needed();
        return request -> {
            byte[] response = http.send(renaming ? rename(request, LOCAL_PREFIX, SERVER_PREFIX) : request);
            Common.WireMessage wire;
            try {
                wire = Common.WireMessage.parseFrom(response);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                return response; // not a wire message (an HTTP error page, say): let Avatica report it
            }
            ResultNotes.collect(wire);
            return renaming ? rename(wire, response, SERVER_PREFIX, LOCAL_PREFIX) : response;
        };
    }

    static byte[] rename(byte[] message, String from, String to) {
        Common.WireMessage wire;
        try {
            wire = Common.WireMessage.parseFrom(message);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return message; // not a wire message (an HTTP error page, say): let Avatica report it
        }
        return rename(wire, message, from, to);
    }

    private static byte[] rename(Common.WireMessage wire, byte[] message, String from, String to) {
        String name = wire.getName();
        if (!name.startsWith(from)) {
            return message;
        }
        return wire.toBuilder().setName(to + name.substring(from.length())).build().toByteArray();
    }
}
