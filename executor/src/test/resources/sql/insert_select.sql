-- INSERT INTO ... SELECT: copies what a bounded query returns into another stream or table.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR);
CREATE STREAM big_bids (auction BIGINT, price BIGINT);
CREATE TABLE bidder_totals (bidder BIGINT PRIMARY KEY, total BIGINT, n BIGINT);
INSERT INTO bids VALUES (1, 10, 100, 'web'), (1, 11, 1500, 'app'), (2, 10, 2700, 'web'), (3, 12, 40, NULL);

INSERT INTO big_bids SELECT auction, price FROM bids WHERE price > 1000;
SELECT * FROM big_bids;

-- The source's columns are matched to the target's by position and cast to its types.
INSERT INTO big_bids SELECT bidder, CAST(price AS INT) FROM bids WHERE channel IS NULL;
SELECT * FROM big_bids;

-- Into a table: an aggregate's rows, one per key.
INSERT INTO bidder_totals SELECT bidder, SUM(price), COUNT(*) FROM bids GROUP BY bidder;
SELECT * FROM bidder_totals;

-- A column list: the other columns are NULL.
INSERT INTO big_bids (price) SELECT MAX(price) FROM bids;
SELECT * FROM big_bids WHERE auction IS NULL;

-- Nothing matches: 0 rows.
INSERT INTO big_bids SELECT auction, price FROM bids WHERE price < 0;

-- Errors.
INSERT INTO big_bids SELECT auction FROM bids;
INSERT INTO big_bids SELECT auction, channel FROM bids;
INSERT INTO nowhere SELECT auction, price FROM bids;
