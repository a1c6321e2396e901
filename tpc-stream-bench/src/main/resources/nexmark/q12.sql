-- Nexmark q12: processing-time windows (TUMBLE 10 s on PROCTIME(), count per bidder).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q12.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q12 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   * the view B (CREATE VIEW B AS SELECT *, PROCTIME() AS p_time FROM bid) is a WITH clause (no plain views).
--   * not deterministic (processing time): its rows are not compared with Flink's; the check compares
--     each bidder's total bid count instead (q12-totals.sql).
WITH B AS (SELECT *, PROCTIME() AS p_time FROM bid)
SELECT
    bidder,
    count(*) as bid_count,
    window_start AS starttime,
    window_end AS endtime
FROM TABLE(
        TUMBLE(TABLE B, DESCRIPTOR(p_time), INTERVAL '10' SECOND))
GROUP BY bidder, window_start, window_end
