package dev.runnel.sql;

import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.CreateJob;
import dev.runnel.sql.statement.StopJob;
import org.junit.jupiter.api.Test;

class JobParsingTest {

    @Test
    void createJobWrapsAnInsert() {
        String sql = "CREATE JOB IF NOT EXISTS big_bids AS INSERT INTO big SELECT * FROM bids WHERE price > 10";
        CreateJob j = parse(sql, CreateJob.class);
        assertThat(j.name()).isEqualTo("big_bids");
        assertThat(j.ifNotExists()).isTrue();
        assertThat(j.insert().target()).isEqualTo("big");
        assertThat(j.insert().text()).isEqualTo("INSERT INTO big SELECT * FROM bids WHERE price > 10");
        assertThat(j.insert().pos()).isEqualTo(pos(1, 38));
        assertThat(j.text()).isEqualTo(sql);
    }

    @Test
    void stopJob() {
        assertThat(parse("stop job \"My Job\"", StopJob.class)).isEqualTo(new StopJob("My Job", pos(1, 1),
                "stop job \"My Job\""));
    }

    @Test
    void stopIsStillAName() {
        assertThat(parse("SELECT stop FROM t", dev.runnel.sql.statement.Query.class).text()).isEqualTo(
                "SELECT stop FROM t");
    }
}
