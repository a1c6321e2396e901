-- SELECT with WHERE and projections over a stream.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR,
                    url VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 3);
INSERT INTO bids VALUES
  (1, 10,  100, 'web',    'http://x/a?id=1', TIMESTAMP '2026-01-01 00:00:01'),
  (1, 11, 1500, 'app',    'http://x/b?id=2', TIMESTAMP '2026-01-01 00:00:02'),
  (2, 10,  700, 'web',    'http://y/c',      TIMESTAMP '2026-01-01 00:00:03'),
  (2, 12, 2500, 'mobile', NULL,              TIMESTAMP '2026-01-01 00:00:04'),
  (3, 13,   50, NULL,     'http://z/',       TIMESTAMP '2026-01-01 00:00:05');

SELECT * FROM bids;
SELECT auction, price FROM bids WHERE price > 1000;
SELECT auction, price * 2 AS doubled, price / 100 AS hundreds FROM bids WHERE channel = 'web';
SELECT bidder FROM bids WHERE auction = 2 AND price < 1000 OR channel IS NULL;
SELECT auction FROM bids WHERE price BETWEEN 100 AND 700;
SELECT auction, channel FROM bids WHERE channel IN ('app', 'mobile');
SELECT auction, channel FROM bids WHERE channel NOT IN ('app', 'mobile');
SELECT DISTINCT auction FROM bids;
SELECT b.auction, b.price FROM bids AS b WHERE b.bidder = 10;
-- Names are matched case-insensitively.
SELECT AUCTION, Price FROM BIDS WHERE Channel = 'app';
-- A WHERE that is never true.
SELECT auction FROM bids WHERE 1 = 0;
-- SELECT without FROM, and VALUES.
SELECT 1 + 1 AS two, 'x' AS letter;
VALUES (1, 'a'), (2, 'b');
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t (n, s) WHERE n > 1;
-- Subquery in FROM.
SELECT big.auction FROM (SELECT auction, price FROM bids WHERE price > 600) AS big WHERE big.auction < 3;
