package dev.runnel.planner.ddl;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.SetOption;
import org.junit.jupiter.api.Test;

class SettingsPlannerTest {

    private static SetOption set(String key, String value) {
        return new SetOption(key, value, new SourcePos(2, 1), "SET '" + key + "' = '" + value + "'");
    }

    @Test
    void knownKeysAreLowerCasedAndValuesTrimmed() {
        assertThat(plan(set("Checkpoint.Interval", " 5 s "))).isEqualTo(new PlannedStatement.Set("checkpoint.interval", "5 s"));
        assertThat(plan(set("scan.start", "earliest"))).isEqualTo(new PlannedStatement.Set("scan.start", "earliest"));
        assertThat(plan(set("parallelism", "4"))).isEqualTo(new PlannedStatement.Set("parallelism", "4"));
        assertThat(plan(set("timezone", "Europe/Paris"))).isEqualTo(new PlannedStatement.Set("timezone", "Europe/Paris"));
        assertThat(plan(set("runnel.debug.trace", "on"))).isEqualTo(new PlannedStatement.Set("runnel.debug.trace", "on"));
    }

    @Test
    void resetHasANullValue() {
        assertThat(plan(set("state.ttl", null))).isEqualTo(new PlannedStatement.Set("state.ttl", null));
    }

    @Test
    void unknownKeyListsTheKnownOnes() {
        RunnelSqlException e = error(set("checkpoint.intervall", "5 s"));

        assertThat(e.sqlState()).isEqualTo("42000");
        assertThat(e.detail()).isEqualTo("unknown setting 'checkpoint.intervall' (did you mean 'checkpoint.interval'?); "
                + "known settings: scan.start, consistency, state.ttl, checkpoint.interval, timezone, parallelism, "
                + "standby.replicas, and any key starting with 'runnel.'");
        assertThat(e.position()).isEqualTo(new SourcePos(2, 1));
    }

    @Test
    void valuesAreChecked() {
        assertThat(error(set("state.ttl", "forever")).detail()).startsWith("invalid value 'forever' for state.ttl");
        assertThat(error(set("parallelism", "0")).detail()).isEqualTo("invalid value '0' for parallelism: expected a whole number from 1");
        assertThat(error(set("timezone", "Mars/Olympus")).detail()).startsWith("invalid value 'Mars/Olympus' for timezone");
        assertThat(error(set("scan.start", "beginning")).detail()).isEqualTo("invalid value 'beginning' for scan.start: "
                + "expected 'earliest', 'latest', 'timestamp:yyyy-MM-dd HH:mm:ss' or 'offsets:0=5,1=7'");
        assertThat(error(set("standby.replicas", "-1")).detail()).isEqualTo("invalid value '-1' for standby.replicas:"
                + " expected a whole number from 0 to 10");
        assertThat(plan(set("standby.replicas", " 2 "))).isEqualTo(new PlannedStatement.Set("standby.replicas", "2"));
        assertThat(plan(set("scan.start", "offsets:0=5,1=7"))).isEqualTo(new PlannedStatement.Set("scan.start",
                "offsets:0=5,1=7"));
    }
}
