package dev.runnel.planner.ddl;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Copy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopyPlannerTest {

    private static Copy copy(String target, String path, String... kv) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            options.put(kv[i], kv[i + 1]);
        }
        return new Copy(target, path, options, new SourcePos(1, 1), "COPY " + target + " FROM '" + path + "'");
    }

    @Test
    void csvWithHeaderFromTheSqlGuide() {
        PlannedStatement.Copy c = (PlannedStatement.Copy) plan(copy("bids", "/path/bids.csv", "format", "CSV", "header", "TRUE"));

        assertThat(c.target()).isEqualTo(TestCatalog.standard().get("bids"));
        assertThat(c.path()).isEqualTo("/path/bids.csv");
        assertThat(c.options()).containsExactly(Map.entry("format", "csv"), Map.entry("header", "true"));
    }

    @Test
    void formatDefaultsFromTheFileName() {
        assertThat(((PlannedStatement.Copy) plan(copy("bids", "b.jsonl"))).options()).containsExactly(Map.entry("format", "json"));
        assertThat(((PlannedStatement.Copy) plan(copy("bids", "b.tsv"))).options())
                .containsExactly(Map.entry("format", "csv"), Map.entry("delimiter", "\t"));
        assertThat(error(copy("bids", "/data/bids")).detail())
                .isEqualTo("cannot tell the format of '/data/bids' from its name: add WITH (format = 'csv') or WITH (format = 'json')");
    }

    @Test
    void csvOptionsAreChecked() {
        PlannedStatement.Copy c = (PlannedStatement.Copy) plan(copy("users", "u.txt", "format", "csv", "delimiter", ";", "null", "\\N"));
        assertThat(c.options()).containsEntry("delimiter", ";").containsEntry("null", "\\N");

        assertThat(error(copy("bids", "b.csv", "delimiter", ";;")).detail())
                .isEqualTo("invalid value ';;' for delimiter: expected one character (or \\t for a tab)");
        assertThat(error(copy("bids", "b.csv", "header", "yes")).detail())
                .isEqualTo("invalid value 'yes' for header: expected true or false");
        assertThat(error(copy("bids", "b.json", "header", "true")).detail())
                .isEqualTo("option 'header' applies to csv files only");
        assertThat(error(copy("bids", "b.csv", "format", "parquet")).detail())
                .isEqualTo("invalid value 'parquet' for format: expected 'csv' or 'json'");
    }

    @Test
    void unknownOptionAndTargetAreReported() {
        assertThat(error(copy("bids", "b.csv", "headers", "true")).detail())
                .isEqualTo("unknown option 'headers' (did you mean 'header'?); known options: format, header, delimiter, null, reload, batch_rows, max_record_bytes");
        assertThat(error(copy("bidz", "b.csv")).sqlState()).isEqualTo("42S02");
    }
}
