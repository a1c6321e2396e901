-- the legacy HOP(ts, slide, size) group window with HOP_START and HOP_END
SELECT HOP_START(date_time, INTERVAL '5' SECOND, INTERVAL '1' MINUTE) AS starttime,
       HOP_END(date_time, INTERVAL '5' SECOND, INTERVAL '1' MINUTE) AS endtime, MAX(price) AS top
FROM bids
GROUP BY HOP(date_time, INTERVAL '5' SECOND, INTERVAL '1' MINUTE)
