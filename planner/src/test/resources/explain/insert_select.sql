-- INSERT ... SELECT *: payload columns only, nothing to cast
INSERT INTO big_bids SELECT * FROM bids WHERE price > 1000
