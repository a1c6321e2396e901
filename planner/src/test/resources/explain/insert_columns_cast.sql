-- INSERT with a column list: omitted columns are NULL, values cast to the column types
INSERT INTO orders (id, amount, user_id) SELECT auction, price, bidder FROM bids
