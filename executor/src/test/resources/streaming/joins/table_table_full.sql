-- regular FULL join of two tables: users in Oslo with users of the same name in Lima, each side padded when none
-- expected rows: Flink SQL 2.3, flink/table_table_full.sql
CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3)) WITH (partitions = 1);
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR) WITH (format = 'debezium-json', partitions = 2);
SELECT a.id AS oslo, b.id AS lima, COALESCE(a.name, b.name) AS name FROM (SELECT * FROM users WHERE city = 'Oslo') a FULL JOIN (SELECT * FROM users WHERE city = 'Lima') b ON a.name = b.name;
