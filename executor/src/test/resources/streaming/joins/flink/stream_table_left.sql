-- regular LEFT join, residual on the table side: bids whose bidder is gone, or lives in Rome, stay NULL-padded (the Runnel case: ../stream_table_left.sql)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, date_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${data}/bids.csv', 'format' = 'csv');
CREATE TABLE users (id BIGINT, name STRING, city STRING, PRIMARY KEY (id) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = '${joins}/users.json', 'format' = 'debezium-json');
SELECT b.auction, b.bidder, b.price, u.name, u.city FROM bids b LEFT JOIN users u ON b.bidder = u.id AND u.city <> 'Rome' WHERE b.price >= 1000;
