-- NOT IN keeps SQL's NULL semantics with counts and a marker column
SELECT auction FROM bids WHERE auction NOT IN (SELECT id FROM auctions)
