-- Nexmark q0: pass-through (measures source and harness).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q0.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q0 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   (none else)
SELECT auction, bidder, price, date_time, extra FROM bid
