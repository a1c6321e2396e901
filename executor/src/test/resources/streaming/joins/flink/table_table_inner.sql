-- regular join of two tables (the users table with itself): pairs of users in the same city (the Runnel case: ../table_table_inner.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT a.id AS a_id, b.id AS b_id, a.city FROM users a JOIN users b ON a.city = b.city AND a.id < b.id;
