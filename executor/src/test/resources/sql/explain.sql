-- EXPLAIN: the physical plan as an indented tree over column names. EXPLAIN ANALYZE is not supported yet.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR)
  WITH (partitions = 4, key = 'auction');
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR);
CREATE STREAM big_bids (auction BIGINT, price BIGINT);

EXPLAIN SELECT auction, price FROM bids;
EXPLAIN SELECT auction, price * 2 AS doubled FROM bids WHERE price > 100 AND channel = 'web';
EXPLAIN SELECT channel, COUNT(*) AS n, SUM(price) AS total FROM bids GROUP BY channel ORDER BY n DESC LIMIT 3;
EXPLAIN SELECT COUNT(DISTINCT bidder) FROM bids;
EXPLAIN SELECT b.auction, u.name FROM bids b JOIN users u ON u.id = b.bidder AND b.price > 10;
EXPLAIN SELECT auction FROM bids WHERE bidder IN (SELECT id FROM users);
EXPLAIN SELECT auction FROM bids UNION ALL SELECT id FROM users;
EXPLAIN INSERT INTO big_bids SELECT auction, price FROM bids WHERE price > 1000;
EXPLAIN VALUES (1, 'a');
-- EXPLAIN does not run the query, so the data is not read.
EXPLAIN SELECT _offset, _partition FROM bids;
EXPLAIN ANALYZE SELECT auction FROM bids;
EXPLAIN SELECT nope FROM bids;
