-- regular LEFT join, residual on the table side: bids whose bidder is gone, or lives in Rome, stay NULL-padded
-- expected rows: Flink SQL 2.3, flink/stream_table_left.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT b.auction, b.bidder, b.price, u.name, u.city FROM bids b LEFT JOIN users u ON b.bidder = u.id AND u.city <> 'Rome' WHERE b.price >= 1000;
