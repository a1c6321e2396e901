-- an equality between expressions of each side is still a hash key: the expressions are computed below the join
SELECT b.auction, u.name
FROM bids b JOIN users u ON MOD(b.bidder, 1000) = u.id + 1
