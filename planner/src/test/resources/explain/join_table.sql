-- stream-table join: equality keys, the rest as residual
SELECT b.auction, b.price, u.name
FROM bids b JOIN users u ON b.bidder = u.id AND b.price > 10
