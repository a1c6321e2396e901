-- DESCRIBE a stream or table (columns, keys, watermark, metadata columns, topic, dead letters)
-- and DESCRIBE TOPIC (partitions and offsets).

CREATE STREAM bids (auction BIGINT NOT NULL, bidder BIGINT, price DECIMAL(10, 2), channel VARCHAR(10),
                    date_time TIMESTAMP(3), WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)
  WITH (partitions = 2, key = 'auction, bidder', format = 'json');
CREATE TABLE users (id BIGINT PRIMARY KEY, name STRING, born DATE, score DOUBLE, vip BOOLEAN, visits INT);
INSERT INTO bids VALUES (1, 10, 1.50, 'web', TIMESTAMP '2026-01-01 00:00:00'), (2, 11, 2.50, 'app', NULL),
                        (1, 10, 3.00, 'web', NULL);

DESCRIBE bids;
DESCRIBE users;
DESCRIBE TOPIC bids;
DESCRIBE TOPIC users;
-- Names match case-insensitively.
DESCRIBE BIDS;
-- Errors.
DESCRIBE nope;
DESCRIBE TOPIC nope;
