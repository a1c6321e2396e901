package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.runnel.sql.statement.CreateMaterializedView;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;

class CreateMaterializedViewParsingTest {

    @Test
    void viewFromTheSqlGuideKeepsItsQueryTextAndWhereItStarts() {
        CreateMaterializedView v = parse("CREATE MATERIALIZED VIEW auction_counts AS\n"
                + "  SELECT auction, COUNT(*) AS bids FROM bids GROUP BY auction;", CreateMaterializedView.class);
        assertThat(v.name()).isEqualTo("auction_counts");
        assertThat(v.options()).isEmpty();
        assertThat(v.ifNotExists()).isFalse();
        assertThat(v.query().sql()).isEqualTo("SELECT auction, COUNT(*) AS bids FROM bids GROUP BY auction");
        assertThat(v.query().origin()).isEqualTo(pos(2, 3));
        assertThat(v.query().node().getKind()).isEqualTo(SqlKind.SELECT);
        assertThat(v.pos()).isEqualTo(pos(1, 1));
        assertThat(v.text()).isEqualTo("CREATE MATERIALIZED VIEW auction_counts AS\n"
                + "  SELECT auction, COUNT(*) AS bids FROM bids GROUP BY auction");
    }

    @Test
    void ifNotExistsAndOptionsComeBeforeAs() {
        CreateMaterializedView v = parse("create materialized view if not exists \"Top\" with (retention = '1 d') "
                + "as (select 1) union all (select 2)", CreateMaterializedView.class);
        assertThat(v.name()).isEqualTo("Top");
        assertThat(v.ifNotExists()).isTrue();
        assertThat(v.options()).containsExactly(entry("retention", "1 d"));
        assertThat(v.query().sql()).isEqualTo("(select 1) union all (select 2)");
        assertThat(v.query().node().getKind()).isEqualTo(SqlKind.UNION);
    }

    @Test
    void bodyMayStartWithWithOrValues() {
        assertThat(parse("CREATE MATERIALIZED VIEW v AS WITH x AS (SELECT 1 AS a) SELECT a FROM x",
                CreateMaterializedView.class).query().node().getKind()).isEqualTo(SqlKind.WITH);
        assertThat(parse("CREATE MATERIALIZED VIEW v AS VALUES (1), (2)",
                CreateMaterializedView.class).query().node().getKind()).isEqualTo(SqlKind.VALUES);
    }

    @Test
    void bodyMustBeAQuery() {
        assertThat(error("CREATE MATERIALIZED VIEW v AS INSERT INTO t SELECT 1").getMessage())
                .isEqualTo("line 1, column 31: unexpected 'INSERT', expected one of: SELECT, VALUES, WITH, '('");
        assertThat(error("CREATE MATERIALIZED VIEW v SELECT 1").getMessage())
                .isEqualTo("line 1, column 28: unexpected 'SELECT', expected one of: WITH, AS");
    }

    @Test
    void syntaxErrorInTheBodyIsPositionedInTheScript() {
        RunnelSqlException e = error("SHOW TABLES;\nCREATE MATERIALIZED VIEW v AS SELECT a,\n  b\n  FROM t WHERE WHERE");
        assertThat(e.getMessage()).isEqualTo("line 4, column 16: unexpected 'WHERE', expected an expression");
    }
}
