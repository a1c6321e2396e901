package dev.runnel.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The engine's product name and version, from {@code runnel-server.properties} (filtered by Maven). */
final class ServerVersion {
    static final String PRODUCT_NAME;
    static final String VERSION;

    static {
        Properties p = new Properties();
        try (InputStream in = ServerVersion.class.getResourceAsStream("runnel-server.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PRODUCT_NAME = p.getProperty("product.name", "Runnel");
        VERSION = p.getProperty("product.version", "unknown");
    }

    private ServerVersion() {}
}
