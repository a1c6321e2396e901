-- regular FULL join of two tables: users in Oslo with users of the same name in Lima, each side padded when none (the Runnel case: ../table_table_full.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT a.id AS oslo, b.id AS lima, COALESCE(a.name, b.name) AS name FROM (SELECT * FROM users WHERE city = 'Oslo') a FULL JOIN (SELECT * FROM users WHERE city = 'Lima') b ON a.name = b.name;
