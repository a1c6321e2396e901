-- The README's quickstart: a stream, a csv load (one malformed row goes to the dead-letter topic), queries.
CREATE STREAM IF NOT EXISTS bids (
  auction   BIGINT,
  bidder    BIGINT,
  price     BIGINT,
  channel   VARCHAR,
  date_time TIMESTAMP(3),
  WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
) WITH (partitions = 4, key = 'auction');

COPY bids FROM 'docs/examples/quickstart-bids.csv' WITH (format = 'csv', header = true);

SELECT auction, COUNT(*) AS bids, MAX(price) AS top
FROM bids
GROUP BY auction
ORDER BY top DESC;

DESCRIBE bids;
