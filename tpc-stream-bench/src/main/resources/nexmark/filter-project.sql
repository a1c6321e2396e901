-- Extra query filter-project (not Nexmark's): a stateless filter and projection over the bids read
-- from the log, the shape of the executor's stateless streaming target (issue 5: at least 3 million
-- events/s on one core). Prices are log-uniform between 100 and 10^8, so about half of the bids
-- have price > 100000 and pass. Same query text on both engines (see flink/filter-project.sql).
SELECT
    auction,
    bidder,
    price * 2 AS price2,
    date_time
FROM bid
WHERE price > 100000
