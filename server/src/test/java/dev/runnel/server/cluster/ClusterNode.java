package dev.runnel.server.cluster;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.KafkaBackend;
import dev.runnel.server.RunnelServer;
import java.nio.file.Path;

/**
 * One process of a cluster for the fail-over test, run in a child JVM: an engine on Kafka in
 * cluster {@code args[2]} (namespace {@code args[1]}, broker {@code args[0]}, local files in
 * {@code args[3]}) serving JDBC on an ephemeral port; says where on stderr. SIGTERM closes it.
 */
public final class ClusterNode {
    private ClusterNode() {}

    public static void main(String[] args) throws Exception {
        Engine engine = Engines.open(EngineConfig.kafka(KafkaBackend.at(args[0]).withNamespace(args[1]),
                Path.of(args[3])).withCluster(args[2]));
        RunnelServer server = RunnelServer.start(engine, "127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
        }));
        System.err.println("cluster node: serving at jdbc:runnel://127.0.0.1:" + server.port());
        server.join();
    }
}
