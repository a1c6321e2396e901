-- Nexmark q15 for Apache Flink 2.3, run by the harness's Flink side (dev.runnel.bench.flink.FlinkNexmark).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q15.sql (commit 6b3646c), with
--   * snake_case columns (date_time, item_name, ...), as in the Runnel streams;
--   * the SELECT of INSERT INTO nexmark_q15: the harness inserts it into a blackhole table of its schema
--     (throughput) or collects it (result check). Statements before the last one are run first.
-- How many distinct users join the bidding for different level of price?
-- Illustrates multiple distinct aggregations with filters.
-- -------------------------------------------------------------------------------------------------


SELECT
     DATE_FORMAT(date_time, 'yyyy-MM-dd') as `day`,
     count(*) AS total_bids,
     count(*) filter (where price < 10000) AS rank1_bids,
     count(*) filter (where price >= 10000 and price < 1000000) AS rank2_bids,
     count(*) filter (where price >= 1000000) AS rank3_bids,
     count(distinct bidder) AS total_bidders,
     count(distinct bidder) filter (where price < 10000) AS rank1_bidders,
     count(distinct bidder) filter (where price >= 10000 and price < 1000000) AS rank2_bidders,
     count(distinct bidder) filter (where price >= 1000000) AS rank3_bidders,
     count(distinct auction) AS total_auctions,
     count(distinct auction) filter (where price < 10000) AS rank1_auctions,
     count(distinct auction) filter (where price >= 10000 and price < 1000000) AS rank2_auctions,
     count(distinct auction) filter (where price >= 1000000) AS rank3_auctions
FROM bid
GROUP BY DATE_FORMAT(date_time, 'yyyy-MM-dd')
