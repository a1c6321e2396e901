-- regular LEFT join of two tables: every user with the other users of the same name in the same city, NULL-padded if none (or the city is NULL) (the Runnel case: ../table_table_left.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT a.id, a.name, b.id AS other FROM users a LEFT JOIN users b ON a.name = b.name AND a.city = b.city AND a.id <> b.id;
