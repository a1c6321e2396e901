-- COUNT(DISTINCT ...) and SELECT DISTINCT: NULLs are not counted; DISTINCT counts each value once.

CREATE STREAM bids (auction BIGINT, bidder BIGINT, channel VARCHAR) WITH (partitions = 2);
INSERT INTO bids VALUES
  (1, 10, 'web'), (1, 10, 'web'), (1, 11, 'app'), (1, NULL, NULL),
  (2, 12, 'web'), (2, 12, 'app'), (3, NULL, NULL);

SELECT COUNT(DISTINCT bidder) AS bidders, COUNT(DISTINCT channel) AS channels, COUNT(*) AS n FROM bids;
SELECT auction, COUNT(DISTINCT bidder) AS bidders, COUNT(bidder) AS bids_with_bidder FROM bids GROUP BY auction;
SELECT auction, COUNT(DISTINCT bidder) AS bidders, COUNT(DISTINCT channel) AS channels FROM bids GROUP BY auction;
SELECT DISTINCT channel FROM bids;
SELECT DISTINCT auction, channel FROM bids;
SELECT COUNT(*) AS n FROM (SELECT DISTINCT bidder FROM bids) AS d;
SELECT auction, SUM(DISTINCT bidder) AS sum_distinct FROM bids GROUP BY auction;
