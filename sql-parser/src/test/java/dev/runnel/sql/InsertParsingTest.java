package dev.runnel.sql;

import static dev.runnel.sql.Parsing.error;
import static dev.runnel.sql.Parsing.parse;
import static dev.runnel.sql.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.statement.Insert;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.junit.jupiter.api.Test;

class InsertParsingTest {

    @Test
    void insertValuesFromTheSqlGuide() {
        String sql = "INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '')";
        Insert i = parse(sql + ";", Insert.class);
        assertThat(i.target()).isEqualTo("bids");
        assertThat(i.pos()).isEqualTo(pos(1, 1));
        assertThat(i.text()).isEqualTo(sql);
        assertThat(i.body().sql()).isEqualTo(sql);
        assertThat(i.body().origin()).isEqualTo(pos(1, 1));
        SqlInsert node = (SqlInsert) i.body().node();
        assertThat(node.getSource().getKind()).isEqualTo(SqlKind.VALUES);
    }

    @Test
    void insertSelectIsAContinuousJobIntoAStream() {
        Insert i = parse("INSERT INTO big_bids SELECT * FROM bids WHERE price > 1000", Insert.class);
        assertThat(i.target()).isEqualTo("big_bids");
        assertThat(((SqlInsert) i.body().node()).getSource().getKind()).isEqualTo(SqlKind.SELECT);
    }

    @Test
    void targetIsNamedAsWrittenWithQuotesRemoved() {
        Insert i = parse("insert into \"Big Bids\" (Auction, price) select 1, 2", Insert.class);
        assertThat(i.target()).isEqualTo("Big Bids");
        assertThat(((SqlInsert) i.body().node()).getTargetColumnList()).hasSize(2);
    }

    @Test
    void insertNeedsInto() {
        assertThat(error("INSERT bids VALUES (1)").getMessage())
                .isEqualTo("line 1, column 8: unexpected 'bids', expected INTO");
    }

    @Test
    void syntaxErrorInsideTheInsertIsPositionedInTheScript() {
        RunnelSqlException e = error("SHOW JOBS;\n  INSERT INTO t\n  VALUES (1,, 2)");
        assertThat(e.getMessage()).isEqualTo("line 3, column 13: unexpected ',', expected an expression");
    }
}
