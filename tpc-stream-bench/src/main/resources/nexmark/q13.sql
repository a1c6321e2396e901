-- Nexmark q13: bounded side input join (lookup join on MOD(auction, 10000) to a file of 10,000 rows).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q13.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q13 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   * the side input (10,000 rows "i,i", as the reference's SideInputGenerator writes them) is a TABLE
--     loaded by COPY from the csv file the harness writes; key and value are quoted (reserved words).
CREATE TABLE IF NOT EXISTS side_input ("key" BIGINT PRIMARY KEY, "value" VARCHAR) WITH (format = 'csv');
COPY side_input FROM '${side_input_csv}' WITH (format = 'csv');
SELECT
    B.auction,
    B.bidder,
    B.price,
    B.date_time,
    S."value"
FROM (SELECT *, PROCTIME() as p_time FROM bid) B
JOIN side_input FOR SYSTEM_TIME AS OF B.p_time AS S
ON mod(B.auction, 10000) = S."key"
