-- a table hint sets where a push query's scan of bids starts, over the session's scan.start
SELECT STREAM auction, price FROM bids /*+ OPTIONS('start' = 'latest') */ WHERE price > 10
UNION ALL
SELECT STREAM auction, 0 FROM bids /*+ OPTIONS('start' = 'offsets:0=5,1=7') */
