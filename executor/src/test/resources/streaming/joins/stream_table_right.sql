-- regular RIGHT join with the stream preserved: every high bid, with its bidder's current name and city or NULLs when the bidder is gone (padded rows withdrawn and re-sent as users come and go)
-- expected rows: Flink SQL 2.3, flink/stream_table_right.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT b.auction, b.bidder, b.price, u.name, u.city FROM users u RIGHT JOIN bids b ON u.id = b.bidder WHERE b.price >= 1000;
