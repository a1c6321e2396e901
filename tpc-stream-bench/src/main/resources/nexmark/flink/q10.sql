-- Nexmark q10 for Apache Flink 2.3, run by the harness's Flink side (dev.runnel.bench.flink.FlinkNexmark).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q10.sql (commit 6b3646c), with
--   * snake_case columns (date_time, item_name, ...), as in the Runnel streams;
--   * the SELECT of INSERT INTO nexmark_q10: the harness inserts it into a blackhole table of its schema
--     (throughput) or collects it (result check). Statements before the last one are run first.
--   * no partitioned filesystem sink (as on the Runnel side): the SELECT goes to the blackhole.
-- Log all events to file system. Illustrates windows streaming data into partitioned file system.
--
-- Every minute, save all events from the last period into partitioned log files.
-- -------------------------------------------------------------------------------------------------


SELECT auction, bidder, price, date_time, extra, DATE_FORMAT(date_time, 'yyyy-MM-dd'), DATE_FORMAT(date_time, 'HH:mm')
FROM bid
