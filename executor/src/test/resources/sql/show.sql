-- SHOW: what exists, as rows.

SHOW STREAMS;
SHOW TABLES;
SHOW MATERIALIZED VIEWS;
SHOW JOBS;
SHOW CONSUMER GROUPS;
SHOW SETTINGS;
-- Internal topics (the catalog) exist from the start.
SHOW TOPICS;

CREATE STREAM bids (auction BIGINT, price BIGINT, date_time TIMESTAMP(3),
                    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)
  WITH (partitions = 4, key = 'auction');
CREATE STREAM clicks (url VARCHAR) WITH (format = 'csv');
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR) WITH (topic = 'user_changes');
INSERT INTO bids VALUES (1, 10, TIMESTAMP '2026-01-01 00:00:00'), (2, 20, TIMESTAMP '2026-01-01 00:00:01');
INSERT INTO users VALUES (1, 'ann');

SHOW STREAMS;
SHOW TABLES;
SHOW TOPICS;
SET 'parallelism' = '2';
SET 'runnel.note' = 'hello';
SHOW SETTINGS;
-- Keywords are case-insensitive.
show streams;
-- Errors.
SHOW STREAM;
SHOW VIEWS;
