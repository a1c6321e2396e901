package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * {@code jdbc:runnel:kafka://host:port} through {@link DriverManager} opens a real engine on Kafka; with no
 * broker there, the application gets a clear 08001 after the bounded attempts the URL asks for. (The engine
 * on a real broker is tested in the executor, {@code KafkaEngineTest}; this module's tests keep the broker's
 * jars off their classpath, which the crash test hands to the server JVMs it starts.)
 */
class KafkaJdbcTest {
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
}
