-- regular FULL join: each user with the bids of at least 5000 they made, users without such a bid padded, and such bids of unknown bidders padded
-- expected rows: Flink SQL 2.3, flink/stream_table_full.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT u.id, u.city, b.auction, b.price FROM bids b FULL JOIN users u ON b.bidder = u.id AND b.price >= 5000 WHERE b.price IS NULL OR b.price >= 5000;
