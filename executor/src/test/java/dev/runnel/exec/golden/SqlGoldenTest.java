package dev.runnel.exec.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.exec.engine.Engine;
import dev.runnel.exec.engine.EngineConfig;
import dev.runnel.exec.engine.Engines;
import dev.runnel.exec.engine.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SQL golden scripts, one per feature, under {@code executor/src/test/resources/sql/}: {@code NAME.sql}
 * is run statement by statement in a fresh in-memory engine, and the transcript it gives (see
 * {@link Transcript}: each statement, then its rows, {@code OK} message or {@code ERROR <SQLSTATE>}
 * and warnings) must equal {@code NAME.out}. A failing statement is recorded and the script goes on,
 * so error messages are pinned like results. Input files for COPY live in {@code sql/data/} and are
 * named relative to {@code sql/} ({@code COPY bids FROM 'data/bids.csv'}).
 *
 * <p>The engine's clock stands still at {@link #NOW}, so {@code _timestamp}, {@code _append_time}
 * and {@code CURRENT_TIMESTAMP} give the same values on every run. Rows of a query without ORDER
 * BY are sorted in the transcript.
 *
 * <p>After an intended change of behaviour, or for a new script, regenerate the expected files and
 * review them as a diff (never bless output you have not checked):
 *
 * <pre>
 * mvn -B test -pl executor -Dtest=SqlGoldenTest -Drunnel.golden.update=true
 * git diff executor/src/test/resources/sql
 * </pre>
 *
 * A known engine bug stays visible: the script says {@code -- KNOWN BUG: ...} above the statement,
 * and its transcript shows what the engine does today.
 */
class SqlGoldenTest {
    static final Path DIR = Path.of("src/test/resources/sql");
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final boolean UPDATE = Boolean.getBoolean("runnel.golden.update");

    @TestFactory
    Stream<DynamicTest> everyScriptGivesItsRecordedTranscript() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(DIR)) {
            scripts = files.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(scripts).as("golden scripts in " + DIR.toAbsolutePath()).isNotEmpty();
        return scripts.stream().map(s -> DynamicTest.dynamicTest(s.getFileName().toString(), () -> check(s)));
    }

    private static void check(Path script) throws IOException {
        String actual = transcript(Files.readString(script, StandardCharsets.UTF_8));
        Path expectedFile = script.resolveSibling(script.getFileName().toString().replaceAll("\\.sql$", ".out"));
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expectedFile).as("expected transcript; run with -Drunnel.golden.update=true to create it")
                .exists();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            throw new AssertionError(script.getFileName() + " differs from " + expectedFile.getFileName()
                    + " (- expected, + actual; -Drunnel.golden.update=true rewrites it):\n"
                    + TextDiff.unified(expected, actual));
        }
    }

    static String transcript(String script) {
        EngineConfig config = EngineConfig.memory().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        try (Engine engine = Engines.open(config); Session session = engine.openSession()) {
            return new Transcript(session, new CopyPaths(DIR)).run(script);
        }
    }
}
