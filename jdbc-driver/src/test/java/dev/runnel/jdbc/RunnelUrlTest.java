package dev.runnel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URL forms of SQL.md, and clear errors for anything else. */
class RunnelUrlTest {

    @Test
    void memoryUrlsArePrivateOrNamed() throws Exception {
        RunnelUrl anon = RunnelUrl.parse("jdbc:runnel:mem:");
        assertThat(anon.kind()).isEqualTo(RunnelUrl.Kind.MEM);
        assertThat(anon.isPrivateMemory()).isTrue();
        RunnelUrl named = RunnelUrl.parse("jdbc:runnel:mem:demo");
        assertThat(named.location()).isEqualTo("demo");
        assertThat(named.isPrivateMemory()).isFalse();
    }

    @Test
    void fileUrlsNameADirectory() throws Exception {
        assertThat(RunnelUrl.parse("jdbc:runnel:file:/var/lib/runnel").dataDir()).isEqualTo(Path.of("/var/lib/runnel"));
        assertThat(RunnelUrl.parse("jdbc:runnel:file:./runnel-data").dataDir()).isEqualTo(Path.of("./runnel-data"));
        assertThat(RunnelUrl.parse("jdbc:runnel:file:~/rd").dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "rd"));
    }

    @Test
    void remoteUrlsNameHostAndPort() throws Exception {
        RunnelUrl r = RunnelUrl.parse("jdbc:runnel://localhost:8765");
        assertThat(r.kind()).isEqualTo(RunnelUrl.Kind.REMOTE);
        assertThat(r.location()).isEqualTo("localhost:8765");
    }

    @Test
    void kafkaUrlsNameTheBrokersAndOptionallyANamespaceAndALocalDirectory() throws Exception {
        RunnelUrl k = RunnelUrl.parse("jdbc:runnel:kafka://127.0.0.1:9092,10.0.0.2:9093;namespace=prod.;dataDir=/tmp/r");
        assertThat(k.kind()).isEqualTo(RunnelUrl.Kind.KAFKA);
        assertThat(k.location()).isEqualTo("127.0.0.1:9092,10.0.0.2:9093");
        assertThat(k.properties()).containsEntry("namespace", "prod.");
        assertThat(k.kafkaDataDir()).isEqualTo(Path.of("/tmp/r"));
        assertThat(RunnelUrl.parse("jdbc:runnel:kafka://localhost:9092/").kafkaDataDir()).isNull();
        assertThat(catchThrowableOfType(SQLException.class, () -> RunnelUrl.parse("jdbc:runnel:kafka://localhost"))
                .getMessage()).contains("needs host:port of a broker");
    }

    @Test
    void trailingPairsBecomeProperties() throws Exception {
        RunnelUrl u = RunnelUrl.parse("jdbc:runnel:file:/tmp/x;fetch_size=10;timeZone=UTC");
        assertThat(u.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(u.properties()).isEqualTo(Map.of("fetch_size", "10", "timeZone", "UTC"));
    }

    @Test
    void malformedUrlsSayWhatIsValid() {
        SQLException e = catchThrowableOfType(SQLException.class, () -> RunnelUrl.parse("jdbc:runnel:disk:/x"));
        assertThat(e.getSQLState()).isEqualTo("08001");
        assertThat(e.getMessage()).isEqualTo("not a Runnel URL: jdbc:runnel:disk:/x (use jdbc:runnel:mem:, "
                + "jdbc:runnel:mem:NAME, jdbc:runnel:file:DIR, jdbc:runnel:kafka://host:port or jdbc:runnel://host:port)");
        assertThat(catchThrowableOfType(SQLException.class, () -> RunnelUrl.parse("jdbc:runnel:file:")).getMessage())
                .contains("needs a directory");
        assertThat(catchThrowableOfType(SQLException.class, () -> RunnelUrl.parse("jdbc:runnel://host")).getMessage())
                .contains("needs host and port");
        assertThat(catchThrowableOfType(SQLException.class, () -> RunnelUrl.parse("jdbc:runnel:mem:;x")).getMessage())
                .contains("bad property 'x'");
    }
}
