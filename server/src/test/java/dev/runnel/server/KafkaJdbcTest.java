package dev.runnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.log.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdbc:runnel:kafka://host:port}: an in-process engine whose log is in Kafka, as an application sees it. */
class KafkaJdbcTest {
    @TempDir
    Path dir;

    @Test
    void aKafkaUrlOpensAnEngineWhoseStreamsOutliveItsConnections() throws Exception {
        String url = "jdbc:runnel:kafka://" + KafkaBroker.get().bootstrap() + ";namespace="
                + KafkaBroker.uniqueNamespace("jdbc") + ";dataDir=" + dir;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(EmbeddedEngineJdbcTest.CREATE_BIDS);
            assertThat(s.executeUpdate("INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x',"
                    + " TIMESTAMP '2026-01-01 00:00:01', ''), (2, 8, 200, 'app', 'http://y', TIMESTAMP '2026-01-01 00:00:02', '')"))
                    .isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT auction, price FROM bids ORDER BY auction")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getLong(1) + ":" + rs.getLong(2));
            }
            assertThat(rows).containsExactly("1:100", "2:200");
        }
    }
}
