package dev.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The driver on its own (this module's test classpath has no engine): it registers itself, leaves
 * foreign URLs alone, and explains what is missing.
 */
class RunnelDriverTest {

    @Test
    void driverManagerFindsTheDriverForRunnelUrls() throws Exception {
        Driver d = DriverManager.getDriver("jdbc:runnel:mem:");
        assertThat(d).isInstanceOf(RunnelDriver.class);
        assertThat(d.getMajorVersion()).isZero();
        assertThat(d.getMinorVersion()).isEqualTo(1);
        assertThat(d.acceptsURL("jdbc:postgresql://x/y")).isFalse();
        assertThat(new RunnelDriver().connect("jdbc:postgresql://x/y", null)).isNull();
    }

    @Test
    void embeddedModeWithoutTheEngineSaysWhatToAdd() {
        SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection("jdbc:runnel:mem:"));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).startsWith("embedded mode needs runnel-server and runnel-executor on the classpath");
    }

    @Test
    void aServerThatIsNotThereIsAConnectionError() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        String url = "jdbc:runnel://127.0.0.1:" + port;
        SQLException e = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).startsWith("cannot reach the Runnel server at 127.0.0.1:" + port + ": ");
    }
}
