-- scalar expressions: CASE, COALESCE, CAST, string and time functions, Runnel's functions
SELECT CASE WHEN price > 1000 THEN 'high' ELSE 'low' END AS band,
       COALESCE(channel, 'none') AS channel,
       CAST(auction AS VARCHAR) AS auction_text,
       UPPER(channel) || '/' || SUBSTRING(url FROM 8 FOR 5) AS tag,
       EXTRACT(HOUR FROM date_time) AS h,
       FLOOR(date_time TO MINUTE) AS minute_start,
       date_time + INTERVAL '90' SECOND AS later,
       SPLIT_INDEX(url, '/', 2) AS host,
       REGEXP_EXTRACT(url, 'id=([0-9]+)', 1) AS id,
       DATE_FORMAT(date_time, 'yyyy-MM-dd') AS day_text,
       MOD(price, 7) AS m,
       -price AS neg
FROM bids
WHERE channel NOT LIKE 'test%' AND price BETWEEN 10 AND 20 AND url IS NOT NULL
