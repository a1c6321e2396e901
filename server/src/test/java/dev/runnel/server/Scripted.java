package dev.runnel.server;

import dev.runnel.jdbc.RunnelDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections, through the real driver and Meta, onto a {@link ScriptedEngine}. */
final class Scripted {
    private Scripted() {}

    static Connection connect(ScriptedEngine engine) throws SQLException {
        return connect(engine, new Properties());
    }

    static Connection connect(ScriptedEngine engine, Properties props) throws SQLException {
        RunnelDriver driver = new RunnelDriver(new EmbeddedMetaFactory(new EngineRegistry(config -> engine)));
        return driver.connect("jdbc:runnel:mem:", props);
    }
}
