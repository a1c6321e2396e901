-- regular Top-N (no window in the PARTITION BY; Nexmark q19): the 10 highest bids per auction; an
-- updating result keyed by auction and rownum, its state grows with the distinct auctions
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY auction ORDER BY price DESC) AS rownum FROM bids)
WHERE rownum <= 10
