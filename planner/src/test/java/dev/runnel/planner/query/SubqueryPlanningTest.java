package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.queryError;
import static dev.runnel.planner.testing.Planning.root;
import static dev.runnel.planner.testing.Planning.tree;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.sql.RunnelSqlException;
import org.junit.jupiter.api.Test;

/** Subqueries are decorrelated into joins and aggregates, which the executor runs like any other. */
class SubqueryPlanningTest {

    @Test
    void inSubqueryBecomesAJoinWithTheDistinctKeys() {
        assertThat(tree(root("SELECT auction, price FROM bids WHERE auction IN (SELECT id FROM auctions)"))).isEqualTo("""
                Project[auction, price]
                  HashJoin[INNER, keys: auction = id]
                    Scan[bids: auction, price] (topic bids, 4 partitions, columnar)
                    Aggregate[group: id]
                      Scan[auctions: id] (topic auctions, 2 partitions, json)""");
    }

    @Test
    void notExistsIsALeftJoinKeepingRowsWithoutAMatch() {
        assertThat(tree(root("SELECT id FROM auctions a WHERE NOT EXISTS (SELECT 1 FROM bids b WHERE b.auction = a.id)")))
                .isEqualTo("""
                Project[id]
                  Filter["$f1" IS NULL]
                    HashJoin[LEFT, keys: id = auction]
                      Scan[auctions: id] (topic auctions, 2 partitions, json)
                      Project[auction, TRUE AS "$f1"]
                        Aggregate[group: auction]
                          Filter[auction IS NOT NULL]
                            Scan[bids: auction] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void isNotDistinctFromIsAJoinKeyWhenOneSideIsNotNull() {
        // users.id is NOT NULL: decorrelation compares it with IS NOT DISTINCT FROM, which is '=' here
        assertThat(tree(root("SELECT u.id, (SELECT COUNT(*) FROM bids b WHERE b.bidder = u.id) AS n FROM users u")))
                .doesNotContain("no keys");
    }

    @Test
    void correlatedExistsBecomesAJoin() {
        assertThat(tree(root("SELECT auction FROM bids b WHERE EXISTS "
                + "(SELECT 1 FROM auctions a WHERE a.id = b.auction AND a.reserve < b.price)"))).isEqualTo("""
                Project[auction]
                  HashJoin[INNER, keys: auction = auction, price = price]
                    Scan[bids: auction, price] (topic bids, 4 partitions, columnar)
                    Aggregate[group: auction, price]
                      Project[auction, price]
                        HashJoin[INNER, keys: id = auction, residual: reserve < price]
                          Scan[auctions: id, reserve] (topic auctions, 2 partitions, json)
                          Aggregate[group: auction, price]
                            Scan[bids: auction, price] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void uncorrelatedScalarSubqueryIsALeftJoinWithAOneRowAggregate() {
        assertThat(tree(root("SELECT auction, (SELECT MAX(price) FROM bids) AS top FROM bids"))).isEqualTo("""
                Project[auction, EXPR$0 AS top]
                  HashJoin[LEFT, no keys]
                    Scan[bids: auction] (topic bids, 4 partitions, columnar)
                    Aggregate[MAX(price) AS EXPR$0]
                      Scan[bids: price] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void correlatedScalarSubqueryIsAGroupedAggregateJoinedOnTheKey() {
        assertThat(tree(root("SELECT a.id, (SELECT MAX(price) FROM bids b WHERE b.auction = a.id) AS top "
                + "FROM auctions a"))).isEqualTo("""
                Project[id, EXPR$0 AS top]
                  HashJoin[LEFT, keys: id = auction]
                    Scan[auctions: id] (topic auctions, 2 partitions, json)
                    Aggregate[group: auction; MAX(price) AS EXPR$0]
                      Filter[auction IS NOT NULL]
                        Scan[bids: auction, price] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void scalarSubqueryThatMayReturnManyRowsChecksForOneRow() {
        assertThat(tree(root("SELECT auction, (SELECT id FROM auctions WHERE seller = 3) AS a FROM bids")))
                .contains("Aggregate[SINGLE_VALUE(id) AS ");
    }

    @Test
    void notInKeepsNullSemanticsWithCountsAndAMarker() {
        assertThat(tree(root("SELECT auction FROM bids WHERE auction NOT IN (SELECT id FROM auctions)"))).isEqualTo("""
                Project[auction]
                  Filter[c = 0 OR i IS NULL AND ck >= c AND auction IS NOT NULL]
                    HashJoin[LEFT, keys: auction = id]
                      HashJoin[INNER, no keys]
                        Scan[bids: auction] (topic bids, 4 partitions, columnar)
                        Aggregate[COUNT(*) AS c, COUNT(id) AS ck]
                          Scan[auctions: id] (topic auctions, 2 partitions, json)
                      Project[id, TRUE AS i]
                        Aggregate[group: id]
                          Scan[auctions: id] (topic auctions, 2 partitions, json)""");
    }

    @Test
    void subqueryComparedWithAColumnKeepsTheComparisonAsResidual() {
        assertThat(tree(root("SELECT auction FROM bids b WHERE price > "
                + "(SELECT AVG(price) FROM bids b2 WHERE b2.auction = b.auction)"))).isEqualTo("""
                Project[auction]
                  HashJoin[INNER, keys: auction = auction, residual: price > EXPR$0]
                    Scan[bids: auction, price] (topic bids, 4 partitions, columnar)
                    Aggregate[group: auction; AVG(price) AS EXPR$0]
                      Filter[auction IS NOT NULL]
                        Scan[bids: auction, price] (topic bids, 4 partitions, columnar)""");
    }

    @Test
    void subqueryThatStaysCorrelatedIsNotSupportedYet() {
        RunnelSqlException e = queryError("SELECT * FROM auctions a WHERE a.reserve = "
                + "(SELECT price FROM bids b WHERE b.auction = a.id ORDER BY date_time DESC LIMIT 1)");

        assertThat(e.sqlState()).isEqualTo("0A000");
        assertThat(e.detail()).isEqualTo("this subquery form is not supported yet");
    }
}
