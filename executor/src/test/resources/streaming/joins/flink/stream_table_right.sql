-- regular RIGHT join with the stream preserved: every high bid, with its bidder's current name and city or NULLs when the bidder is gone (padded rows withdrawn and re-sent as users come and go) (the Runnel case: ../stream_table_right.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT b.auction, b.bidder, b.price, u.name, u.city FROM users u RIGHT JOIN bids b ON u.id = b.bidder WHERE b.price >= 1000;
