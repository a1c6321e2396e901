package dev.runnel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

/** Tab completion from the live catalog, as the REPL's LineReader asks for it. */
class SqlCompleterTest {

    private static List<String> complete(SqlCompleter completer, String buffer) {
        ParsedLine line = new SqlLineParser().parse(buffer, buffer.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        String word = line.word().toLowerCase(java.util.Locale.ROOT);
        // what JLine shows: candidates that start with the word, ignoring case
        return candidates.stream().map(Candidate::value)
                .filter(v -> v.toLowerCase(java.util.Locale.ROOT).startsWith(word)).toList();
    }

    @Test
    void offersKeywordsRelationsAndTheColumnsOfTheRelationsNamed() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:runnel:mem:"); Statement s = c.createStatement()) {
            s.execute(RunnelShellTest.CREATE);
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR) WITH (topic = 'users', format = 'json')");
            SqlCompleter completer = new SqlCompleter(c);

            assertThat(complete(completer, "sel")).contains("SELECT");
            assertThat(complete(completer, "SELECT * FROM b")).containsExactly("bids");
            assertThat(complete(completer, "SELECT * FROM ")).containsExactlyInAnyOrder("bids", "users");
            assertThat(complete(completer, "SELECT auction FROM bids WHERE ")).contains("auction", "price", "date_time",
                    "_offset", "WHERE", "UPPER", "TUMBLE").doesNotContain("name");
            assertThat(complete(completer, "SELECT auction FROM bids WHERE pr")).contains("price", "PRIMARY").doesNotContain("name");
            assertThat(complete(completer, "SELECT b.pr FROM bids b JOIN users u ON b.auction = u.id WHERE u.na"))
                    .containsExactly("name");
            assertThat(complete(completer, "DESCRIBE u")).containsExactly("users");

            s.execute("CREATE STREAM clicks (url VARCHAR)");
            Thread.sleep(5200); // the catalog is cached for a few seconds
            assertThat(complete(completer, "SELECT * FROM c")).containsExactly("clicks");
        }
    }
}
