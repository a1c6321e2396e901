-- Nexmark q14: calculation (filter on a computed price, CASE over HOUR(), scalar UDF count_char).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q14.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q14 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   * Runnel has no user-defined functions yet: count_char(extra, 'c') (the number of 'c's in extra) is
--     CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')), which computes the same for any string.
SELECT
    auction,
    bidder,
    0.908 * price as price,
    CASE
        WHEN HOUR(date_time) >= 8 AND HOUR(date_time) <= 18 THEN 'dayTime'
        WHEN HOUR(date_time) <= 6 OR HOUR(date_time) >= 20 THEN 'nightTime'
        ELSE 'otherTime'
    END AS bid_time_type,
    date_time,
    extra,
    CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')) AS c_counts
FROM bid
WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000
