-- regular FULL join: each user with the bids of at least 5000 they made, users without such a bid padded, and such bids of unknown bidders padded (the Runnel case: ../stream_table_full.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT u.id, u.city, b.auction, b.price FROM bids b FULL JOIN users u ON b.bidder = u.id AND b.price >= 5000 WHERE b.price IS NULL OR b.price >= 5000;
