package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdbc:runnel:kafka://host:port} through {@link DriverManager} opens a real engine on Kafka; with no
 * broker there, the application gets a clear 08001 after the bounded attempts the URL asks for. (The engine
 * on a real broker is tested in the executor, {@code KafkaEngineTest}; this module's tests keep the broker's
 * jars off their classpath, which the crash test hands to the server JVMs it starts.)
 */
class KafkaJdbcTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void aKafkaUrlWithoutABrokerFailsTheConnectionClearlyAndBoundedly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:runnel:kafka://127.0.0.1:" + port + ";connectAttempts=2;connectTimeoutMs=300";
        SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).contains("cannot open the engine on Kafka at 127.0.0.1:" + port)
                .contains("after 2 attempt(s)");
    }

    @Test
    void theServerWithoutABrokerRefusesToStartNamingTheAddressAfterItsAttempts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = new picocli.CommandLine(new ServerMain(new java.io.PrintStream(err, true,
                java.nio.charset.StandardCharsets.UTF_8))).execute("--kafka", "127.0.0.1:" + port,
                "--kafka-connect-attempts", "3", "--kafka-connect-timeout", "300", "--port", "0", "--data-dir",
                dir.resolve("data").toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("runnel server: cannot open the log on Kafka at 127.0.0.1:" + port)
                .contains("cannot reach Kafka at 127.0.0.1:" + port + " after 3 attempt(s)")
                .contains("is the broker running and the address right?");
        // three attempts of 300 ms with 200 ms and 400 ms between them: bounded, not forever
        assertThat(millis).isGreaterThanOrEqualTo(600).isLessThan(15_000);
    }
}
