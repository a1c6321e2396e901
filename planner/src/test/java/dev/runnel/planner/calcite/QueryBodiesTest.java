package dev.runnel.planner.calcite;

import static dev.runnel.planner.testing.Planning.query;
import static dev.runnel.planner.testing.Planning.root;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.testing.Planning;
import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.SourcePos;
import dev.runnel.sql.statement.Query;
import dev.runnel.sql.statement.QueryBody;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

/** How query bodies reach Calcite: copies, STREAM, stars over metadata columns, parameters. */
class QueryBodiesTest {

    @Test
    void planningLeavesTheStatementsTreeAsItWas() {
        QueryBody body = TestStatements.body("SELECT * FROM bids b WHERE price IN (SELECT price FROM big_bids)",
                new SourcePos(1, 1));
        String before = body.node().toString();
        Planning.plan(new Query(body, false, new SourcePos(1, 1), body.sql()));
        assertThat(body.node().toString()).isEqualTo(before);
    }

    @Test
    void selectStreamPlansLikeSelectAndIsUnbounded() {
        PlannedStatement.Query stream = query("SELECT STREAM auction, price FROM bids WHERE price > 1000");
        PlannedStatement.Query pull = query("SELECT auction, price FROM bids WHERE price > 1000");

        assertThat(stream.stream()).isTrue();
        assertThat(pull.stream()).isFalse();
        assertThat(stream.root()).isEqualTo(pull.root());
    }

    @Test
    void streamKeywordIsFoundUnderOrderByToo() {
        SqlNode node = TestStatements.parseBody("SELECT STREAM auction FROM bids ORDER BY auction LIMIT 3");
        assertThat(SqlBodies.stripStream(node)).isTrue();
        assertThat(node.toString()).doesNotContain("STREAM");
    }

    @Test
    void starHidesMetadataColumnsThatCanStillBeNamed() {
        assertThat(root("SELECT * FROM bids").schema().columns()).extracting(Column::name)
                .containsExactly("auction", "bidder", "price", "channel", "url", "date_time", "extra");
        assertThat(root("SELECT u.* FROM users u JOIN bids b ON b.bidder = u.id").schema().columns())
                .extracting(Column::name).containsExactly("id", "name", "city");
        assertThat(root("SELECT _partition, _offset, _timestamp, _append_time FROM bids").schema().columns())
                .extracting(Column::name).containsExactly("_partition", "_offset", "_timestamp", "_append_time");
        assertThat(root("SELECT * FROM (SELECT auction, _offset FROM bids) t").schema().columns())
                .extracting(Column::name).containsExactly("auction", "_offset");
    }

    @Test
    void namesResolveWhateverTheCase() {
        assertThat(root("SELECT Auction, PRICE FROM Bids WHERE Channel = 'web'").schema().columns())
                .extracting(Column::name).containsExactly("Auction", "PRICE");
    }

    @Test
    void parametersAreCountedAndTyped() {
        PlannedStatement.Query q = query("SELECT price FROM bids WHERE auction = ? AND channel = ?");
        assertThat(q.parameterCount()).isEqualTo(2);
        assertThat(Planning.tree(q.root())).contains("Filter[auction = ?1 AND channel = ?2]");
    }
}
