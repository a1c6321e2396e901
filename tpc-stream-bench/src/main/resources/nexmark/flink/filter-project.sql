-- Extra query filter-project for Apache Flink 2.3 (not Nexmark's; Runnel's file says why it is here).
-- The same text as Runnel's: a stateless filter (about half of the bids pass) and projection.
SELECT
    auction,
    bidder,
    price * 2 AS price2,
    date_time
FROM bid
WHERE price > 100000
