package dev.runnel.planner.query;

import static dev.runnel.planner.testing.Planning.error;
import static dev.runnel.planner.testing.Planning.plan;
import static dev.runnel.planner.testing.Planning.tree;
import static dev.runnel.planner.testing.TestCatalog.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runnel.planner.PlannedStatement;
import dev.runnel.planner.catalog.Column;
import dev.runnel.planner.catalog.Format;
import dev.runnel.planner.catalog.RelationDef;
import dev.runnel.planner.catalog.RelationKind;
import dev.runnel.planner.catalog.StorageSpec;
import dev.runnel.planner.catalog.WatermarkSpec;
import dev.runnel.planner.testing.TestCatalog;
import dev.runnel.planner.testing.TestStatements;
import dev.runnel.sql.RunnelSqlException;
import dev.runnel.sql.type.DataType;
import dev.runnel.sql.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FOR SYSTEM_TIME AS OF: event time becomes a TemporalJoin over the table's versions; PROCTIME() its current rows. */
class TemporalJoinPlanningTest {
    /** rates(currency PRIMARY KEY, rate, updated), versions valid from updated. */
    static final TestCatalog CATALOG = TestCatalog.standard().with(new RelationDef("rates", RelationKind.TABLE,
            List.of(new Column("currency", DataType.of(TypeKind.VARCHAR).notNull()), col("rate", TypeKind.BIGINT),
                    col("updated", TypeKind.TIMESTAMP)), List.of(0), Optional.of(new WatermarkSpec(2, 0)),
            new StorageSpec("rates", 1, Format.JSON, List.of(0), "rates.dlq"), Map.of(), "CREATE TABLE rates"));

    static String explain(String sql) {
        return String.join("\n", ((PlannedStatement.Explain) plan(TestStatements.explain(sql), CATALOG)).lines());
    }

    static RunnelSqlException fails(String sql) {
        return error(TestStatements.statement(sql), CATALOG);
    }

    @Test
    void anEventTimeTemporalJoinReadsTheTablesVersionsWithItsTimeColumnAddedWhenUnused() {
        assertThat(explain("SELECT b.auction, r.rate FROM bids b JOIN rates FOR SYSTEM_TIME AS OF b.date_time AS r"
                + " ON r.currency = b.channel AND r.rate > b.price WHERE b.price > 3")).isEqualTo("""
                Project[auction, rate]  -- append-only; stateless
                  TemporalJoin[INNER, keys: channel = currency, as of: date_time, versions by: updated, residual: rate > price]  \
                -- append-only; as of date_time, versions by updated; state bounded by watermark (pending rows) and the keys of rates (versions)
                    Filter[price > 3]  -- append-only; stateless
                      Scan[bids: auction, price, channel, date_time] (topic bids, 4 partitions, columnar)  \
                -- append-only; watermark date_time - INTERVAL '4' SECOND; stateless
                    Scan[rates: currency, rate, updated] (topic rates, 1 partition, json, table keyed by currency)  \
                -- updating; watermark updated; stateless""");
    }

    @Test
    void aLeftTemporalJoinKeepsItsKind() {
        assertThat(explain("SELECT b.auction, r.rate FROM bids b LEFT JOIN rates FOR SYSTEM_TIME AS OF b.date_time"
                + " AS r ON r.currency = b.channel")).contains("TemporalJoin[LEFT, keys: channel = currency");
    }

    @Test
    void aProcessingTimeTemporalJoinIsALookupJoin() {
        assertThat(explain("SELECT b.auction, u.name FROM bids b JOIN users FOR SYSTEM_TIME AS OF PROCTIME() AS u"
                + " ON u.id = b.bidder")).contains("TemporalJoin[INNER, keys: bidder = id, as of: PROCTIME()")
                .contains("append-only; lookup join; state bounded by the keys of users").doesNotContain("HashJoin");
    }

    @Test
    void aProcessingTimeJoinThatDoesNotPinTheKeyJoinsTheCurrentRows() {
        assertThat(explain("SELECT b.auction, u.name FROM bids b JOIN users FOR SYSTEM_TIME AS OF PROCTIME() AS u"
                + " ON u.name = b.channel")).contains("HashJoin[INNER, keys: channel = name]").doesNotContain("Temporal");
    }

    @Test
    void aJoinAsOfAProcTimeColumnLooksUpAnExpressionAsNexmarkQ13Does() {
        assertThat(explain("SELECT b.auction, u.name FROM (SELECT *, PROCTIME() AS p_time FROM bids) b"
                + " JOIN users FOR SYSTEM_TIME AS OF b.p_time AS u ON MOD(b.bidder, 10) = u.id"))
                .contains("TemporalJoin[INNER, keys: \"$f3\" = id, as of: PROCTIME()")
                .contains("CAST(CAST(bidder % 10 AS INT) AS BIGINT) AS \"$f3\"").doesNotContain("HashJoin");
    }

    @Test
    void aTemporalJoinAgainstAStreamOrWithoutTheWholeKeyOrTableTimeIsRefusedWithTheReason() {
        RunnelSqlException stream = fails("SELECT b.auction FROM bids b JOIN auctions FOR SYSTEM_TIME AS OF"
                + " b.date_time AS a ON a.id = b.auction");
        assertThat(stream.sqlState()).isEqualTo("42000");
        // at the FOR SYSTEM_TIME AS OF of the table it is about: "... JOIN auctions FOR SYSTEM_TIME ..."
        assertThat(stream.position().column()).isEqualTo("SELECT b.auction FROM bids b JOIN ".length() + 1);
        assertThat(stream.detail()).isEqualTo("a temporal join (FOR SYSTEM_TIME AS OF) reads the versions of a TABLE,"
                + " which has a primary key; auctions is a stream (join two streams with an interval condition instead)");
        RunnelSqlException proctimeStream = fails("SELECT b.auction FROM bids b JOIN auctions FOR SYSTEM_TIME AS OF"
                + " PROCTIME() AS a ON a.id = b.auction");
        assertThat(proctimeStream.detail()).contains("reads a TABLE, which has a primary key; auctions is not one");
        RunnelSqlException noTime = fails("SELECT b.auction FROM bids b JOIN users FOR SYSTEM_TIME AS OF b.date_time"
                + " AS u ON u.id = b.bidder");
        assertThat(noTime.detail()).startsWith("a temporal join as of event time needs table users to declare");
        RunnelSqlException noKey = fails("SELECT b.auction FROM bids b JOIN rates FOR SYSTEM_TIME AS OF b.date_time"
                + " AS r ON r.rate = b.price");
        assertThat(noKey.detail()).isEqualTo("a temporal join must match the whole primary key of rates (currency)"
                + " with columns of the other side, as ON t.key = s.column");
    }
}
