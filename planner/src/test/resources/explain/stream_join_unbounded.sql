-- a regular join of two streams in a push query keeps both inputs: EXPLAIN warns
SELECT STREAM b.auction, b.price, a.seller FROM bids b JOIN auctions a ON b.auction = a.id
