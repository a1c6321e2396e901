-- Nexmark q6: average selling price by seller (winning bids, then AVG over each seller's last 10).
-- Reference: nexmark/nexmark nexmark-flink/src/main/resources/queries/q6.sql (commit 6b3646c).
-- Deviations shared by every query file here:
--   * columns are snake_case (date_time, item_name, ...; `dateTime` is reserved in Flink), and person,
--     auction and bid are streams of their own, not views over one source table;
--   * INSERT INTO nexmark_q6 (a blackhole table) is the bare SELECT; the harness runs it as a bounded
--     (pull) query over the loaded log and consumes the result batches itself.
--   * the reference itself does not run on Flink (an OVER window over a retracting input, FLINK-19059);
--     kept as written.
SELECT
    Q.seller,
    AVG(Q.price) OVER
        (PARTITION BY Q.seller ORDER BY Q.date_time ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)
FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY A.id, A.seller ORDER BY B.price DESC) AS rownum
    FROM (SELECT A.id, A.seller, B.price, B.date_time
        FROM auction AS A,
            bid AS B
        WHERE A.id = B.auction
            and B.date_time between A.date_time and A.expires)
    WHERE rownum <= 1
) AS Q
