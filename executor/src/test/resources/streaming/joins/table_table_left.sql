-- regular LEFT join of two tables: every user with the other users of the same name in the same city, NULL-padded if none (or the city is NULL)
-- expected rows: Flink SQL 2.3, flink/table_table_left.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT a.id, a.name, b.id AS other FROM users a LEFT JOIN users b ON a.name = b.name AND a.city = b.city AND a.id <> b.id;
