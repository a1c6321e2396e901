-- Nexmark q9: winning bids (auction-bid join with time range, ROW_NUMBER top 1 per auction).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q9.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q9 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   (none else)
SELECT
    id, item_name, description, initial_bid, reserve, date_time, expires, seller, category, extra,
    auction, bidder, price, bid_date_time, bid_extra
FROM (
   SELECT A.*, B.auction, B.bidder, B.price, B.date_time AS bid_date_time, B.extra AS bid_extra,
     ROW_NUMBER() OVER (PARTITION BY A.id ORDER BY B.price DESC, B.date_time ASC) AS rownum
   FROM auction A, bid B
   WHERE A.id = B.auction AND B.date_time BETWEEN A.date_time AND A.expires
)
WHERE rownum <= 1
