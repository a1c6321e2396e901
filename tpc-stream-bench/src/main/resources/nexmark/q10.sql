-- Nexmark q10: log to file system (projection + DATE_FORMAT into a partitioned csv sink).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q10.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q10 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   * no partitioned filesystem sink: the rows (with the dt and hm partition values) go to the harness's sink.
SELECT auction, bidder, price, date_time, extra,
    DATE_FORMAT(date_time, 'yyyy-MM-dd') AS dt, DATE_FORMAT(date_time, 'HH:mm') AS hm
FROM bid
