-- regular join of a stream with an upsert table that gets updates and deletes: each high bid with its bidder's current name and city
-- expected rows: Flink SQL 2.3, flink/stream_table_inner.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT b.auction, b.bidder, b.price, u.name, u.city FROM bids b JOIN users u ON b.bidder = u.id WHERE b.price >= 1000;
