package dev.runnel.server;

import dev.runnel.exec.engine.Engine;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Serves remote JDBC clients ({@code jdbc:runnel://host:port}) from one engine: Avatica's
 * protobuf-over-HTTP protocol in front of a {@link RunnelMeta} that gives each remote connection
 * its own session. Listens on {@code bind} only (127.0.0.1 unless told otherwise). The engine is
 * the caller's; {@link #close()} stops serving but leaves it open. Thread-safe.
 */
public final class RunnelServer implements AutoCloseable {
    private final HttpServer http;

    private RunnelServer(HttpServer http) {
        this.http = http;
    }

    /** Starts serving; {@code port} 0 picks a free port (see {@link #port()}). */
    public static RunnelServer start(Engine engine, String bind, int port) {
        RunnelMeta meta = new RunnelMeta(null, engine, null);
        ServerCustomizer<Server> bindTo = server -> {
            for (Connector c : server.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.setHost(bind);
                    sc.setIdleTimeout(0); // a push query's fetch may wait for its next row for long
                }
            }
        };
        HttpServer http = new HttpServer.Builder<Server>()
                .withHandler(new LocalService(meta), Driver.Serialization.PROTOBUF)
                .withPort(port)
                .withServerCustomizers(List.of(bindTo), Server.class)
                .build();
        http.start();
        return new RunnelServer(http);
    }

    public int port() {
        return http.getPort();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        http.join();
    }

    @Override
    public void close() {
        http.stop();
    }
}
