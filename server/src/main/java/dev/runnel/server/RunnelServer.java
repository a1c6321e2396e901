package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import dev.runnel.server.auth.RunnelLoginService;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.security.Constraint;

/**
 * Serves remote JDBC clients ({@code jdbc:runnel://host:port}) from one engine: Avatica's
 * protobuf-over-HTTP protocol (through {@link ProtobufEndpoint}) in front of a {@link RunnelMeta}
 * that gives each remote connection its own session. Listens on {@link ServerOptions#bind()} only;
 * refuses an address other machines can reach unless clients must authenticate (HTTP BASIC
 * through Jetty's security handler and {@link RunnelLoginService}). Optional TLS. Connections idle
 * longer than the idle timeout are closed and their queries cancelled, so a client that died
 * frees what it held. The engine is the caller's; {@link #close()} stops serving but leaves it
 * open. Thread-safe.
 */
public final class RunnelServer implements AutoCloseable {
    private final HttpServer http;
    private final RunnelMeta meta;

    private RunnelServer(HttpServer http, RunnelMeta meta) {
        this.http = http;
        this.meta = meta;
    }

    /** Starts serving on 127.0.0.1, without authentication; {@code port} 0 picks a free port (see {@link #port()}). */
    public static RunnelServer start(Engine engine, String bind, int port) {
        return start(engine, ServerOptions.loopback(port).withBind(bind));
    }

    /**
     * Starts serving.
     *
     * @throws IllegalArgumentException when {@code options} bind beyond loopback without an authenticator
     */
    public static RunnelServer start(Engine engine, ServerOptions options) {
        if (options.authenticator() == null && !options.loopbackOnly()) {
            throw new IllegalArgumentException("refusing to serve " + options.bind() + " without authentication: "
                    + "other machines could reach it (give --users FILE or --token, or bind 127.0.0.1)");
        }
        RunnelMeta meta = new RunnelMeta(null, engine, null);
        meta.serveRemote(options.idleTimeout(), options.pollInterval());
        List<ServerCustomizer<Server>> customizers = new ArrayList<>();
        customizers.add(server -> {
            for (Connector c : server.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.setHost(options.bind());
                    // a fetch answers within the poll interval; allow it and some slack
                    sc.setIdleTimeout(Math.max(60_000L, options.pollInterval().toMillis() * 4));
                }
            }
            ErrorHandler quiet = new ErrorHandler();
            quiet.setShowStacks(false);
            quiet.setShowServlet(false);
            quiet.setShowMessageInTitle(false);
            server.setErrorHandler(quiet);
        });
        if (options.authenticator() != null) {
            customizers.add(server -> server.setHandler(basicAuth(server.getHandler(),
                    new RunnelLoginService(options.authenticator()))));
        }
        HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
                .withHandler(new ProtobufEndpoint(new LocalService(meta), meta::notes))
                .withPort(options.port())
                .withServerCustomizers(customizers, Server.class);
        if (options.keystore() != null) {
            java.io.File ks = options.keystore().toFile();
            builder.withTLS(ks, options.keystorePassword(), ks, options.keystorePassword());
        }
        HttpServer http = builder.build();
        try {
            http.start();
        } catch (RuntimeException e) {
            meta.shutdown();
            throw e;
        }
        return new RunnelServer(http, meta);
    }

    /** Every path needs an authenticated user with {@link RunnelLoginService#ROLE}. */
    private static Handler basicAuth(Handler inner, RunnelLoginService login) {
        Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, RunnelLoginService.ROLE);
        constraint.setAuthenticate(true);
        ConstraintMapping mapping = new ConstraintMapping();
        mapping.setConstraint(constraint);
        mapping.setPathSpec("/*");
        ConstraintSecurityHandler security = new ConstraintSecurityHandler();
        security.setAuthenticator(new BasicAuthenticator());
        security.setLoginService(login);
        security.setRealmName(login.getName());
        security.setConstraintMappings(new ConstraintMapping[] {mapping});
        security.setHandler(inner);
        return security;
    }

    public int port() {
        return http.getPort();
    }

    /** Remote connections open now (each holds one engine session). */
    public int openConnections() {
        return meta.openConnections();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        http.join();
    }

    /** Stops serving and closes every remote connection's session (their queries end). */
    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            meta.shutdown();
        }
    }
}
