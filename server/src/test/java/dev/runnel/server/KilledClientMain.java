package dev.runnel.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A remote JDBC client for {@link ServerSecurityTest}, run in a child JVM: starts a push query,
 * says RUNNING on stdout, then waits for rows until it is killed.
 */
public final class KilledClientMain {
    private KilledClientMain() {}

    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection(args[0]);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(args[1]);
        System.out.println("RUNNING");
        System.out.flush();
        while (rs.next()) {
            System.out.println("row " + rs.getObject(1));
            System.out.flush();
        }
    }
}
