-- Metadata columns on every stream and table: _partition, _offset, _timestamp (producer time),
-- _append_time (log receive time), _watermark (the partition's watermark before the row).
-- SELECT * leaves them out; name them to read them.
-- The engine's clock stands still in these tests (2026-01-02 03:04:05.678 UTC), so both times are that instant.

CREATE STREAM bids (auction BIGINT, price BIGINT) WITH (partitions = 2, key = 'auction');
INSERT INTO bids VALUES (1, 100), (2, 200), (3, 300), (4, 400);
INSERT INTO bids VALUES (1, 150);

SELECT * FROM bids;
SELECT auction, price, _partition, _offset, _timestamp, _append_time FROM bids;
-- Rows with the same key land in the same partition, in order.
SELECT auction, price, _offset FROM bids WHERE auction = 1 ORDER BY _offset;
SELECT _partition, COUNT(*) AS n, MIN(_offset) AS first_offset, MAX(_offset) AS last_offset FROM bids GROUP BY _partition;
-- Keyless rows are spread round-robin from a random partition: row by row for json and csv,
-- a whole batch at a time for columnar streams.
CREATE STREAM clicks (url VARCHAR) WITH (partitions = 3, format = 'json');
INSERT INTO clicks VALUES ('a'), ('b'), ('c');
SELECT COUNT(DISTINCT _partition) AS partitions_used, MAX(_offset) AS last_offset FROM clicks;
CREATE STREAM views (url VARCHAR) WITH (partitions = 3);
INSERT INTO views VALUES ('a'), ('b'), ('c');
SELECT COUNT(DISTINCT _partition) AS partitions_used, MAX(_offset) AS last_offset FROM views;
-- _watermark is the largest event time of the partition's earlier records minus the delay (NULL before
-- the first event and for streams without a watermark): 06, 06, 16, 16 seconds for ids 2 to 5.
CREATE STREAM events (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '4' SECOND);
INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 00:00:10'), (2, TIMESTAMP '2026-01-01 00:00:05'),
                          (3, TIMESTAMP '2026-01-01 00:00:20'), (4, NULL), (5, TIMESTAMP '2026-01-01 00:00:21');
SELECT id, ts, _offset, _watermark FROM events ORDER BY _offset;
SELECT auction, _watermark FROM bids WHERE auction = 1;
-- Tables have them too.
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR);
INSERT INTO users VALUES (1, 'ann'), (2, 'bo');
INSERT INTO users VALUES (1, 'ann b.');
SELECT id, name, _partition, _offset FROM users;
-- They are read-only: INSERT targets see the payload columns only.
INSERT INTO bids (auction, _offset) VALUES (9, 9);
-- Quoted identifiers keep case exactly; metadata names are lower case.
SELECT "_offset" FROM bids WHERE auction = 4;
SELECT "_OFFSET" FROM bids WHERE auction = 4;
