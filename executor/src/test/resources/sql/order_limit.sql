-- ORDER BY (ASC/DESC, NULLS FIRST/LAST, expressions, positions), LIMIT and OFFSET. These results keep the engine's order.

CREATE STREAM bids (auction BIGINT, price BIGINT, channel VARCHAR) WITH (partitions = 3);
INSERT INTO bids VALUES (1, 300, 'web'), (2, 100, 'app'), (3, NULL, 'web'), (4, 200, NULL), (5, 500, 'app'), (6, 400, 'web');

SELECT auction, price FROM bids ORDER BY price;
SELECT auction, price FROM bids ORDER BY price DESC;
SELECT auction, price FROM bids ORDER BY price NULLS FIRST;
SELECT auction, price FROM bids ORDER BY price DESC NULLS LAST;
SELECT auction, channel, price FROM bids ORDER BY channel, price DESC;
SELECT auction, price FROM bids ORDER BY price * -1;
SELECT auction, price FROM bids ORDER BY 2 DESC, 1;
SELECT auction AS a, price AS p FROM bids ORDER BY p;
SELECT auction, price FROM bids ORDER BY price DESC LIMIT 2;
SELECT auction, price FROM bids ORDER BY price DESC LIMIT 2 OFFSET 1;
SELECT auction, price FROM bids ORDER BY auction OFFSET 4 ROWS;
SELECT auction, price FROM bids ORDER BY auction FETCH FIRST 2 ROWS ONLY;
SELECT auction FROM bids ORDER BY auction LIMIT 0;
SELECT channel, SUM(price) AS total FROM bids GROUP BY channel ORDER BY total DESC;
-- LIMIT without ORDER BY returns that many rows, in no defined order.
SELECT COUNT(*) AS n FROM (SELECT auction FROM bids LIMIT 4) AS t;
