package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.server.auth.TokenAuthenticator;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained driver jar ({@code jdbc-driver/target/runnel-jdbc-VERSION-all.jar}, built by
 * {@code mvn package}) as a BI tool uses it: loaded alone in its own class loader, found through
 * {@code META-INF/services/java.sql.Driver}, talking to a server. Skipped when the jar has not been
 * built (plain {@code mvn test}); {@code mvn verify} builds it before this test runs.
 */
class ShadedDriverJarTest {
    private static final String TOKEN = "shaded-driver-token-0123456789";

    @TempDir
    Path dir;

    static Path jar() throws IOException {
        Path target = Path.of("..", "jdbc-driver", "target").toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("runnel-jdbc-.*-all\\.jar"))
                    .findFirst().orElse(null);
        }
    }

    @Test
    void holdsTheDriverAndRelocatedDependenciesButNoEngine() throws Exception {
        Path jar = jar();
        Assumptions.assumeTrue(jar != null, "the driver jar is built by mvn package");
        List<String> entries = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            j.stream().forEach(e -> entries.add(e.getName()));
            String services = new String(j.getInputStream(j.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(services.strip().lines().filter(l -> !l.startsWith("#")).toList())
                    .containsExactly("dev.runnel.jdbc.RunnelDriver");
        }
        assertThat(entries).contains("dev/runnel/jdbc/RunnelDriver.class");
        assertThat(entries).anyMatch(e -> e.startsWith("dev/runnel/jdbc/shaded/avatica/"));
        assertThat(entries).noneMatch(e -> e.startsWith("dev/runnel/exec/") || e.startsWith("dev/runnel/server/")
                || e.startsWith("dev/runnel/planner/") || e.startsWith("dev/runnel/log/"));
        assertThat(entries).noneMatch(e -> e.endsWith(".class") && (e.startsWith("org/apache/calcite/")
                || e.startsWith("com/google/") || e.startsWith("com/fasterxml/") || e.startsWith("org/apache/hc/")
                || e.startsWith("org/slf4j/")));
    }

    @Test
    void aToolLoadsItAloneAndConnectsToAServer() throws Exception {
        Path jar = jar();
        Assumptions.assumeTrue(jar != null, "the driver jar is built by mvn package");
        try (Engine engine = Engines.open(EngineConfig.file(dir.resolve("data")));
                RunnelServer server = RunnelServer.start(engine, ServerOptions.loopback(0)
                        .withAuthenticator(new TokenAuthenticator(TOKEN)));
                URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader())) {
            List<Driver> drivers = new ArrayList<>();
            ServiceLoader.load(Driver.class, loader).forEach(drivers::add);
            Driver driver = drivers.stream().filter(d -> d.getClass().getClassLoader() == loader).findFirst().orElseThrow();
            assertThat(driver.getClass().getName()).isEqualTo("dev.runnel.jdbc.RunnelDriver");
            String url = "jdbc:runnel://127.0.0.1:" + server.port();
            assertThat(driver.acceptsURL(url)).isTrue();

            Properties login = new Properties();
            login.setProperty("user", "tableau");
            login.setProperty("password", TOKEN);
            try (Connection c = driver.connect(url, login); Statement s = c.createStatement()) {
                assertThat(c.getClass().getClassLoader()).isSameAs(loader);
                s.execute(EmbeddedEngineJdbcTest.CREATE_BIDS);
                s.executeUpdate("INSERT INTO bids VALUES (1, 7, 100, 'web', 'x', TIMESTAMP '2026-01-01 00:00:01', '')");
                try (ResultSet rs = s.executeQuery("SELECT {fn UCASE(channel)}, price FROM bids")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("WEB");
                    assertThat(rs.getLong(2)).isEqualTo(100L);
                }
                try (ResultSet rs = c.getMetaData().getTables(null, "runnel", "%", null)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("TABLE_NAME")).isEqualTo("bids");
                }
                SQLException e = catchThrowableOfType(SQLException.class, () -> s.executeQuery("SELECT pricee FROM bids"));
                assertThat(e.getSQLState()).isEqualTo("42S22");
            }

            login.setProperty("password", "wrong");
            SQLException denied = catchThrowableOfType(SQLException.class, () -> driver.connect(url, login));
            assertThat(denied.getSQLState()).isEqualTo("28000");

            SQLException embedded = catchThrowableOfType(SQLException.class,
                    () -> driver.connect("jdbc:runnel:mem:", new Properties()));
            assertThat(embedded.getMessage()).contains("embedded mode needs runnel-server");
        }
    }
}
