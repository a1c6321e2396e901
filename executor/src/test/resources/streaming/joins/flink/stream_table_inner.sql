-- regular join of a stream with an upsert table that gets updates and deletes: each high bid with its bidder's current name and city (the Runnel case: ../stream_table_inner.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT b.auction, b.bidder, b.price, u.name, u.city FROM bids b JOIN users u ON b.bidder = u.id WHERE b.price >= 1000;
