-- UNION ALL keeps every row of both inputs; UNION removes duplicates; columns are matched by position.

CREATE STREAM web_bids (auction BIGINT, price BIGINT);
CREATE STREAM app_bids (auction BIGINT, price INT, note VARCHAR);
INSERT INTO web_bids VALUES (1, 100), (2, 200), (2, 200);
INSERT INTO app_bids VALUES (2, 200, 'x'), (3, 300, NULL);

SELECT auction, price FROM web_bids UNION ALL SELECT auction, price FROM app_bids;
SELECT auction, price FROM web_bids UNION SELECT auction, price FROM app_bids;
SELECT auction, 'web' AS source FROM web_bids UNION ALL SELECT auction, 'app' FROM app_bids;
SELECT source, COUNT(*) AS n, SUM(price) AS total FROM (
  SELECT 'web' AS source, price FROM web_bids
  UNION ALL
  SELECT 'app', price FROM app_bids
) AS t GROUP BY source;
SELECT auction FROM web_bids UNION ALL SELECT auction FROM app_bids UNION ALL VALUES (CAST(9 AS BIGINT));
SELECT auction, price FROM web_bids UNION ALL SELECT auction, price FROM app_bids ORDER BY price DESC, auction;
-- INTERSECT and EXCEPT (distinct rows, NULL equal to NULL): a GROUP BY over the union, counting each side.
SELECT auction FROM web_bids INTERSECT SELECT auction FROM app_bids;
SELECT auction FROM web_bids EXCEPT SELECT auction FROM app_bids;
-- Errors.
SELECT auction, price FROM web_bids UNION ALL SELECT auction FROM app_bids;
SELECT auction FROM web_bids UNION ALL SELECT note FROM app_bids;
SELECT auction FROM web_bids INTERSECT ALL SELECT auction FROM app_bids;
