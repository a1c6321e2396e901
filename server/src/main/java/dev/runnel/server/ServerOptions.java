package dev.runnel.server;

import dev.runnel.server.auth.Authenticator;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RunnelServer} serves: where it listens, who may connect, TLS, and how long an idle
 * client keeps its session. Immutable; build with {@link #loopback(int)} and the {@code with}
 * methods.
 *
 * @param bind address to listen on
 * @param port port, 0 for any free one
 * @param authenticator who may connect (HTTP BASIC); null for anyone, allowed on loopback only
 * @param keystore TLS key store (PKCS12 or JKS) for HTTPS; null for plain HTTP
 * @param keystorePassword the key store's password (null without TLS)
 * @param idleTimeout a connection that sends no request for this long is closed (its queries
 *     cancelled); a client waiting for a push query's rows polls well within it
 * @param pollInterval longest a fetch waits for a push query's next row before answering "no row
 *     yet" (so the client polls again, and a client that stopped polling is noticed)
 */
public record ServerOptions(String bind, int port, Authenticator authenticator, Path keystore, String keystorePassword,
        Duration idleTimeout, Duration pollInterval) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    public ServerOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("a TLS key store needs its password");
        }
    }

    /** 127.0.0.1:{@code port}, no authentication, plain HTTP, default timeouts. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions("127.0.0.1", port, null, null, null, DEFAULT_IDLE_TIMEOUT, DEFAULT_POLL_INTERVAL);
    }

    public ServerOptions withBind(String bind) {
        return new ServerOptions(bind, port, authenticator, keystore, keystorePassword, idleTimeout, pollInterval);
    }

    public ServerOptions withAuthenticator(Authenticator authenticator) {
        return new ServerOptions(bind, port, authenticator, keystore, keystorePassword, idleTimeout, pollInterval);
    }

    public ServerOptions withTls(Path keystore, String password) {
        return new ServerOptions(bind, port, authenticator, keystore, password, idleTimeout, pollInterval);
    }

    public ServerOptions withIdleTimeout(Duration idleTimeout) {
        return new ServerOptions(bind, port, authenticator, keystore, keystorePassword, idleTimeout, pollInterval);
    }

    public ServerOptions withPollInterval(Duration pollInterval) {
        return new ServerOptions(bind, port, authenticator, keystore, keystorePassword, idleTimeout, pollInterval);
    }

    /** Whether {@link #bind} is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
    public boolean loopbackOnly() {
        try {
            for (InetAddress a : InetAddress.getAllByName(bind)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
