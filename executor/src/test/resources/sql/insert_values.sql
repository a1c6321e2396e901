-- INSERT INTO ... VALUES: rows, column lists, NULL filling, implicit casts, and errors.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR,
                    date_time TIMESTAMP(3)) WITH (partitions = 2, key = 'auction');

INSERT INTO bids VALUES (1, 10, 100, 'web', TIMESTAMP '2026-01-01 00:00:01');
INSERT INTO bids VALUES
  (2, 11, 2000, 'app', TIMESTAMP '2026-01-01 00:00:02'),
  (1, 12, 3000, 'web', TIMESTAMP '2026-01-01 00:00:03.250');

-- A column list: the columns not named are NULL.
INSERT INTO bids (auction, price) VALUES (3, 50);
-- Column lists may be in any order.
INSERT INTO bids (price, auction, channel) VALUES (60, 4, 'app');
-- Explicit NULLs; an INT literal fits a BIGINT column.
INSERT INTO bids VALUES (5, NULL, 70, NULL, NULL);
-- A string literal into a TIMESTAMP column is cast.
INSERT INTO bids VALUES (6, 13, 80, 'web', '2026-01-01 00:00:06');

SELECT auction, bidder, price, channel, date_time FROM bids;
SELECT COUNT(*) AS n FROM bids;

-- A table keeps the newest row per primary key.
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR);
INSERT INTO users VALUES (1, 'ann', 'Oslo'), (2, 'bo', 'Rome');
INSERT INTO users VALUES (1, 'ann', 'Paris');
SELECT id, name, city FROM users;

-- Errors: the statement changes nothing.
INSERT INTO bids VALUES (7, 14, 90);
INSERT INTO bids VALUES (7, 14, 90, 'web', TIMESTAMP '2026-01-01 00:00:07', 'extra');
INSERT INTO bids (auction, pricee) VALUES (7, 90);
INSERT INTO bidz VALUES (7, 14, 90, 'web', NULL);
INSERT INTO bids VALUES ('seven', 14, 90, 'web', NULL);
INSERT INTO bids (auction, auction) VALUES (7, 8);
INSERT INTO bids VALUES (7, 14, 90, 'web', 'not a time');
INSERT INTO users (name) VALUES ('cy');
-- NOT NULL columns refuse NULLs, whether written as a literal or computed.
CREATE STREAM strict (a BIGINT NOT NULL, b VARCHAR);
INSERT INTO strict VALUES (NULL, 'x');
INSERT INTO strict VALUES (1, 'x'), (CAST(NULL AS BIGINT), 'y');
INSERT INTO strict SELECT NULLIF(price, 100), channel FROM bids WHERE auction = 1;
SELECT COUNT(*) AS n FROM strict;
SELECT COUNT(*) AS n FROM bids;
