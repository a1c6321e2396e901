package dev.runnel.server;

import static dev.runnel.server.ScriptedEngine.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runnel.jdbc.impl.SqlErrors;
import dev.runnel.server.auth.TokenAuthenticator;
import dev.runnel.server.auth.UsersAuthenticator;
import dev.runnel.server.auth.UsersFile;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The server's front door: no public address without credentials, one answer for every failed
 * log-in, no stack traces for bad bytes, TLS, and a client that dies frees its session.
 */
class ServerSecurityTest {
    private static final List<dev.runnel.planner.catalog.Column> COLUMNS = List.of(col("x", DataType.of(TypeKind.BIGINT)));

    @TempDir
    Path dir;

    private final AtomicReference<ScriptedEngine.QueueRows> push = new AtomicReference<>();
    private final ScriptedEngine engine = new ScriptedEngine()
            .on("SELECT 1", p -> ScriptedEngine.rows(COLUMNS, List.<Object[]>of(new Object[] {1L})))
            .on("SELECT STREAM x FROM s", p -> {
                ScriptedEngine.QueueRows rows = ScriptedEngine.push(COLUMNS);
                push.set(rows);
                return rows;
            });
    private RunnelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutCredentials() {
        assertThatThrownBy(() -> RunnelServer.start(engine, ServerOptions.loopback(0).withBind("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without authentication");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CommandLine(new ServerMain(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute("--bind", "0.0.0.0", "--port", "0", "--data-dir", dir.resolve("data").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to listen on 0.0.0.0 without authentication");
        assertThat(dir.resolve("data")).doesNotExist(); // refused before opening anything

        err.reset();
        code = new CommandLine(new ServerMain(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute("--cluster", "demo", "--port", "0", "--data-dir", dir.resolve("data").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cluster demo needs --kafka HOST:PORT");
        assertThat(dir.resolve("data")).doesNotExist();

        // loopback needs nothing; localhost and ::1 are loopback too
        assertThat(ServerOptions.loopback(0).withBind("localhost").loopbackOnly()).isTrue();
        assertThat(ServerOptions.loopback(0).withBind("::1").loopbackOnly()).isTrue();
        assertThat(ServerOptions.loopback(0).withBind("0.0.0.0").loopbackOnly()).isFalse();
    }

    @Test
    void anyAddressIsAllowedWithCredentials() throws Exception {
        server = RunnelServer.start(engine, ServerOptions.loopback(0).withBind("0.0.0.0")
                .withAuthenticator(new TokenAuthenticator("a-token-long-enough-1234")));
        try (Connection c = connect("jdbc:runnel://127.0.0.1:" + server.port(), "anyone", "a-token-long-enough-1234")) {
            assertThat(one(c)).isEqualTo(1L);
        }
    }

    @Test
    void usersLogInAndEveryFailureLooksTheSame() throws Exception {
        Path users = dir.resolve("users");
        UsersFile.put(users, "ada", "correct horse".toCharArray());
        UsersFile.put(users, "bob", "battery staple".toCharArray());
        assertThat(Files.readString(users)).doesNotContain("correct horse").contains("ada:pbkdf2-sha256$");
        server = RunnelServer.start(engine, ServerOptions.loopback(0).withAuthenticator(new UsersAuthenticator(users)));
        String url = "jdbc:runnel://127.0.0.1:" + server.port();

        try (Connection c = connect(url, "ada", "correct horse")) {
            assertThat(one(c)).isEqualTo(1L);
            assertThat(one(c)).isEqualTo(1L); // later requests carry the credentials too
        }
        try (Connection c = connect(url, "bob", "battery staple")) {
            assertThat(one(c)).isEqualTo(1L);
        }

        SQLException wrongPassword = catchThrowableOfType(SQLException.class, () -> connect(url, "ada", "wrong horse"));
        SQLException unknownUser = catchThrowableOfType(SQLException.class, () -> connect(url, "eve", "correct horse"));
        SQLException otherUsersPassword = catchThrowableOfType(SQLException.class, () -> connect(url, "bob", "correct horse"));
        SQLException none = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url));
        for (SQLException e : List.of(wrongPassword, unknownUser, otherUsersPassword, none)) {
            assertThat((Object) e).isNotNull();
            assertThat(e.getClass()).isEqualTo(wrongPassword.getClass());
            assertThat(e.getSQLState()).isEqualTo("28000");
            assertThat(e.getMessage()).isEqualTo(SqlErrors.AUTH_FAILED);
        }
        assertThat(engine.openSessions.get()).isZero();
    }

    @Test
    void malformedRequestsGetErrorsWithoutStackTraces() throws Exception {
        server = RunnelServer.start(engine, ServerOptions.loopback(0));
        URL url = new URL("http://127.0.0.1:" + server.port() + "/");
        ProtobufTranslationImpl protobuf = new ProtobufTranslationImpl();
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        bodies.add("SELECT 1".getBytes(StandardCharsets.UTF_8));
        bodies.add(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        byte[] real = protobuf.serializeRequest(new Service.OpenConnectionRequest("c1", java.util.Map.of()));
        bodies.add(java.util.Arrays.copyOf(real, real.length / 2)); // truncated
        Random random = new Random(9);
        for (int i = 0; i < 30; i++) {
            byte[] b = new byte[1 + random.nextInt(300)];
            random.nextBytes(b);
            bodies.add(b);
            byte[] mutated = real.clone();
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 + random.nextInt(255));
            bodies.add(mutated);
        }
        // well-formed, but about things that do not exist
        bodies.add(protobuf.serializeRequest(new Service.FetchRequest("nope", 42, 0, 10)));
        bodies.add(protobuf.serializeRequest(new Service.PrepareAndExecuteRequest("nope", 7, "SELECT 1", -1)));
        bodies.add(protobuf.serializeRequest(new Service.CloseStatementRequest("nope", 7)));

        for (byte[] body : bodies) {
            HttpURLConnection http = (HttpURLConnection) url.openConnection();
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            int status = http.getResponseCode();
            byte[] answer;
            try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain("\tat ").doesNotContain("at org.").doesNotContain("at dev.runnel")
                    .doesNotContain("at java.");
            Service.Response response = protobuf.parseResponse(answer);
            if (response instanceof Service.ErrorResponse e) {
                assertThat(status).isIn(400, 500);
                assertThat(e.exceptions).isEmpty();
                assertThat(e.errorMessage).isNotBlank();
            } else {
                assertThat(status).isEqualTo(200); // a mutation that still makes a valid request
            }
        }
        HttpURLConnection get = (HttpURLConnection) url.openConnection();
        assertThat(get.getResponseCode()).isEqualTo(405);

        try (Connection c = DriverManager.getConnection("jdbc:runnel://127.0.0.1:" + server.port())) {
            assertThat(one(c)).isEqualTo(1L); // and the server still serves
        }
    }

    @Test
    void tlsWithAKeyStore() throws Exception {
        Path ks = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "runnel", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        server = RunnelServer.start(engine, ServerOptions.loopback(0).withTls(ks, "changeit")
                .withAuthenticator(new TokenAuthenticator("a-token-long-enough-1234")));
        String url = "jdbc:runnel://127.0.0.1:" + server.port() + ";tls=true;truststore=" + ks
                + ";truststore_password=changeit";
        try (Connection c = connect(url, "me", "a-token-long-enough-1234")) {
            assertThat(one(c)).isEqualTo(1L);
        }
        // plain HTTP to the TLS port gets nothing Avatica would read
        HttpURLConnection plain = (HttpURLConnection) new URL("http://127.0.0.1:" + server.port() + "/").openConnection();
        plain.setConnectTimeout(5000);
        plain.setReadTimeout(5000);
        plain.setRequestMethod("POST");
        plain.setDoOutput(true);
        int status;
        try {
            plain.getOutputStream().write(new byte[] {1});
            status = plain.getResponseCode();
        } catch (java.io.IOException e) {
            status = -1;
        }
        assertThat(status).isNotEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aClientKilledDuringAPushQueryFreesItsSession() throws Exception {
        server = RunnelServer.start(engine, ServerOptions.loopback(0)
                .withIdleTimeout(Duration.ofSeconds(1)).withPollInterval(Duration.ofMillis(200)));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KilledClientMain.class.getName(), "jdbc:runnel://127.0.0.1:" + server.port(), "SELECT STREAM x FROM s")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            long started = System.nanoTime();
            while (push.get() == null && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
                Thread.sleep(20);
            }
            // Avatica's client fetches the first row inside executeQuery, and a row ahead of the one it returns
            push.get().push(7L);
            push.get().push(8L);
            String line;
            while ((line = out.readLine()) != null && !line.equals("RUNNING")) {
                // the child's start-up chatter
            }
            assertThat(line).isEqualTo("RUNNING");
            assertThat(out.readLine()).isEqualTo("row 7");
            Thread.sleep(1500); // longer than the idle timeout: a live client polling keeps its session
            assertThat(server.openConnections()).isEqualTo(1);
            assertThat(push.get().cancelled).isFalse();

            child.destroyForcibly(); // SIGKILL: no goodbye
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.openConnections()).isZero();
            assertThat(engine.openSessions.get()).isZero();
            assertThat(push.get().closed).isTrue();
            assertThat(push.get().cancelled).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection(url, p);
    }

    private static long one(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
