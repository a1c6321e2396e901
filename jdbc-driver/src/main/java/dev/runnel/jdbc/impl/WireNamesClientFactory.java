package dev.runnel.jdbc.impl;

import java.net.URL;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactory;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactoryImpl;
import org.apache.calcite.avatica.remote.KerberosConnection;

/**
 * Avatica's HTTP client for the self-contained driver jar, whose Avatica classes are relocated.
 * Avatica's protocol names each message by its Java class ({@code org.apache.calcite.avatica.proto
 * .Requests$FetchRequest}); relocated, the client would send and expect names the server does not
 * know. This client renames them on the way out and back. In the plain jar nothing is relocated
 * and {@link RemoteDriver} does not use it. Thread-safe.
 */
public final class WireNamesClientFactory implements AvaticaHttpClientFactory {
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
        return request -> rename(http.send(rename(request, LOCAL_PREFIX, SERVER_PREFIX)), SERVER_PREFIX, LOCAL_PREFIX);
    }

    static byte[] rename(byte[] message, String from, String to) {
        Common.WireMessage wire;
        try {
            wire = Common.WireMessage.parseFrom(message);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return message; // not a wire message (an HTTP error page, say): let Avatica report it
        }
        String name = wire.getName();
        if (!name.startsWith(from)) {
            return message;
        }
        return wire.toBuilder().setName(to + name.substring(from.length())).build().toByteArray();
    }
}
