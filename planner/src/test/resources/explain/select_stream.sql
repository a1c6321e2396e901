-- a push query: same plan, rooted at Stream (unbounded)
SELECT STREAM auction, price FROM bids WHERE price > 1000
