-- regular join of two tables (the users table with itself): pairs of users in the same city
-- expected rows: Flink SQL 2.3, flink/table_table_inner.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT a.id AS a_id, b.id AS b_id, a.city FROM users a JOIN users b ON a.city = b.city AND a.id < b.id;
