-- Errors are products: each names the line and column (counted from the statement's first character),
-- says what was expected or what exists, and leaves the catalog and the data as they were.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3));
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR);
INSERT INTO bids VALUES (1, 10, 100, 'web', TIMESTAMP '2026-01-01 00:00:01');

-- Unknown names, with a suggestion when one is close.
SELECT pricee FROM bids;
SELECT price FROM bidz;
SELECT b.pricee FROM bids b;
SELECT x.price FROM bids b;
SELECT nothing_like_it FROM bids;
SELECT UPPPER(channel) FROM bids;
SELECT FROBNICATE(price) FROM bids;

-- Syntax errors: the line and column of the first token that does not fit, and what would.
SELECT auction,
       price
FROM bids
WHERE price >;
SELECT auction price channel FROM bids;
CREATE STREAM s (a BIGINT,);
CREATE STREEM s (a BIGINT);
CREATE STREAM s (a BIGINTT);
INSERT bids VALUES (1);
SELECT `price` FROM bids;
DROP VIEW v;

-- Type errors.
SELECT auction FROM bids WHERE channel > 5;
SELECT auction FROM bids WHERE price = 'high';
SELECT price + channel FROM bids;
SELECT UPPER(price) FROM bids;
SELECT SUBSTRING(channel FROM 'x') FROM bids;
SELECT SPLIT_INDEX(channel, ',') FROM bids;
SELECT auction FROM bids WHERE price;

-- Rules.
SELECT auction, COUNT(*) FROM bids;
SELECT id FROM users u JOIN users v ON u.id = v.id;
SELECT auction FROM bids WHERE COUNT(*) > 1;
SELECT price AS "select" FROM bids;
SELECT price AS select FROM bids;
SELECT auction FROM bids WHERE price = ?;

-- Data errors happen while the query runs (SQLSTATE 22000).
SELECT price / (auction - 1) FROM bids;
SELECT CAST(channel AS INT) FROM bids;

-- Not supported yet (SQLSTATE 0A000).
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
GROUP BY window_start;
SELECT auction, SUM(price) OVER (PARTITION BY auction ORDER BY date_time) FROM bids;
SELECT auction FROM bids INTERSECT ALL SELECT id FROM users;
SELECT auction, price FROM bids EXCEPT ALL SELECT id, id FROM users;
CREATE MATERIALIZED VIEW counts AS SELECT auction, COUNT(*) AS n FROM bidz GROUP BY auction;
CREATE MATERIALIZED VIEW counts AS SELECT auction, COUNT(*) FROM bids GROUP BY auction;
CREATE MATERIALIZED VIEW sorted AS SELECT auction, price FROM bids ORDER BY price;
CREATE MATERIALIZED VIEW joined AS SELECT b.auction, u.name FROM bids b JOIN bids c ON b.auction = c.auction JOIN users u ON u.id = b.bidder;
CREATE MATERIALIZED VIEW counts WITH (colour = 'red') AS SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction;
CREATE MATERIALIZED VIEW counts AS SELECT auction, COUNT(*) AS n FROM bids GROUP BY auction;
CREATE MATERIALIZED VIEW on_counts AS SELECT n, COUNT(*) AS auctions FROM counts GROUP BY n;
DROP MATERIALIZED VIEW counts;
DROP STREAM bids;
DROP MATERIALIZED VIEW counts CASCADE;
DROP JOB j1;
SELECT 7 % 2;
SELECT auction FROM bids WHERE price != 100;

-- DDL errors change nothing.
DROP TOPIC bids;
DROP TOPIC nope;
DROP STREAM users;
CREATE STREAM bids (a BIGINT);
SHOW STREAMS;
SELECT COUNT(*) AS n FROM bids;
