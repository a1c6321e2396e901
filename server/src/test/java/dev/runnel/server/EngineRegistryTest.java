package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.jdbc.RunnelDriver;
import dev.runnel.jdbc.RunnelUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedded connections share one engine per data directory or name, which closes with the last of them. */
class EngineRegistryTest {
    private final List<EngineConfig> opened = new CopyOnWriteArrayList<>();
    private final List<ScriptedEngine> engines = new CopyOnWriteArrayList<>();
    private final EngineRegistry registry = new EngineRegistry(config -> {
        opened.add(config);
        ScriptedEngine e = new ScriptedEngine();
        engines.add(e);
        return e;
    });
    private final RunnelDriver driver = new RunnelDriver(new EmbeddedMetaFactory(registry));

    @Test
    void kafkaUrlsOpenAnEngineOnThatClusterSharedPerNamespaceAndDirectory(@TempDir Path dir) throws Exception {
        String url = "jdbc:runnel:kafka://127.0.0.1:9092;namespace=prod.;dataDir=" + dir + ";connectAttempts=3";
        Connection a = driver.connect(url, new Properties());
        Connection b = driver.connect(url, new Properties());
        Connection other = driver.connect("jdbc:runnel:kafka://127.0.0.1:9092;namespace=test.", new Properties());
        assertThat(opened).hasSize(2);
        assertThat(opened.get(0).kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(opened.get(0).kafka().namespace()).isEqualTo("prod.");
        assertThat(opened.get(0).kafka().connectAttempts()).isEqualTo(3);
        assertThat(opened.get(0).dataDir()).isEqualTo(dir.toRealPath());
        assertThat(opened.get(1).inMemory()).isTrue(); // checkpoints in a temporary directory
        assertThat(registry.holders(RunnelUrl.parse(url))).isEqualTo(2);
        a.close();
        b.close();
        other.close();
        assertThat(engines).allMatch(e -> e.closed);
    }

    @Test
    void aClusterUrlMakesTheEngineOneProcessOfThatClusterInItsNamespace(@TempDir Path dir) throws Exception {
        Connection a = driver.connect("jdbc:runnel:kafka://127.0.0.1:9092;cluster=demo;dataDir=" + dir, new Properties());
        assertThat(opened.get(0).cluster()).contains("demo");
        assertThat(opened.get(0).kafka().namespace()).isEqualTo("demo.");
        a.close();
        for (String bad : List.of("jdbc:runnel:mem:;cluster=demo", "jdbc:runnel:kafka://127.0.0.1:9092;cluster=no way")) {
            java.sql.SQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                    () -> driver.connect(bad, new Properties()));
            assertThat(e.getSQLState()).isEqualTo("08001");
            assertThat(e.getMessage()).containsAnyOf("needs the log on Kafka", "bad cluster name");
        }
        assertThat(opened).hasSize(1);
    }

    @Test
    void connectionsToOneDirectoryShareAnEngineUntilTheLastCloses(@TempDir Path dir) throws Exception {
        String url = "jdbc:runnel:file:" + dir;
        Connection a = driver.connect(url, new Properties());
        Connection b = driver.connect("jdbc:runnel:file:" + dir.resolve("x").resolve(".."), new Properties());
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).dataDir()).isEqualTo(dir.toRealPath());
        assertThat(opened.get(0).inMemory()).isFalse();
        assertThat(registry.holders(RunnelUrl.parse(url))).isEqualTo(2);
        a.close();
        assertThat(engines.get(0).closed).isFalse();
        b.close();
        assertThat(engines.get(0).closed).isTrue();
        assertThat(registry.holders(RunnelUrl.parse(url))).isZero();

        driver.connect(url, new Properties()).close(); // reopens after the last close
        assertThat(opened).hasSize(2);
    }

    @Test
    void namedMemoryEnginesAreSharedAndPrivateOnesAreNot() throws Exception {
        List<Connection> connections = List.of(driver.connect("jdbc:runnel:mem:shared", new Properties()),
                driver.connect("jdbc:runnel:mem:shared", new Properties()),
                driver.connect("jdbc:runnel:mem:", new Properties()),
                driver.connect("jdbc:runnel:mem:", new Properties()));
        assertThat(opened).hasSize(3);
        assertThat(opened).allMatch(EngineConfig::inMemory);
        for (Connection c : connections) {
            c.close();
        }
        assertThat(engines).allMatch(e -> e.closed);
    }

    @Test
    void closeAllClosesWhatIsStillOpen() throws Exception {
        Connection a = driver.connect("jdbc:runnel:mem:left-open", new Properties());
        registry.closeAll();
        assertThat(engines.get(0).closed).isTrue();
        a.close(); // closing afterwards is harmless
    }
}
