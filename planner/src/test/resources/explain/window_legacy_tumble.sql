-- the legacy group-window form: GROUP BY TUMBLE(ts, size) with TUMBLE_START and TUMBLE_END
SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND) AS starttime,
       TUMBLE_END(date_time, INTERVAL '10' SECOND) AS endtime, COUNT(*) AS bids
FROM bids
WHERE price > 5
GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND), auction
