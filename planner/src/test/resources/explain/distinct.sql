-- SELECT DISTINCT is a grouping without aggregates
SELECT DISTINCT channel FROM bids
