-- CREATE STREAM / CREATE TABLE / DROP: what each creates, its defaults, and the errors.

-- A stream with every option spelled out and an event-time watermark.
CREATE STREAM bids (
  auction   BIGINT,
  bidder    BIGINT,
  price     BIGINT,
  channel   VARCHAR,
  url       VARCHAR,
  date_time TIMESTAMP(3),
  extra     VARCHAR,
  WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
) WITH (topic = 'bids', partitions = 4, format = 'json', key = 'auction',
        retention = '7 days', late = 'drop');

-- Defaults: topic = the name, 1 partition, columnar, no key.
CREATE STREAM clicks (user_id BIGINT, url VARCHAR, ts TIMESTAMP(3));

-- A table: a changelog keyed by its primary key, json by default.
CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR)
  WITH (topic = 'users', format = 'json');

-- Composite primary key as a table constraint; every type the engine stores.
CREATE TABLE prices (
  item     VARCHAR NOT NULL,
  day      DATE NOT NULL,
  amount   DECIMAL(10, 2),
  qty      INT,
  ratio    DOUBLE,
  active   BOOLEAN,
  updated  TIMESTAMP,
  PRIMARY KEY (item, day)
);

SHOW STREAMS;
SHOW TABLES;
DESCRIBE prices;

-- IF NOT EXISTS makes a second create a no-op; without it, it is an error.
CREATE STREAM IF NOT EXISTS clicks (user_id BIGINT);
CREATE STREAM clicks (user_id BIGINT);

-- Names match case-insensitively.
CREATE TABLE USERS (id BIGINT PRIMARY KEY);

-- Option errors name the option and what is allowed.
CREATE STREAM s1 (a BIGINT) WITH (partitionz = 2);
CREATE STREAM s1 (a BIGINT) WITH (partitions = 0);
CREATE STREAM s1 (a BIGINT) WITH (format = 'avro');
CREATE STREAM s1 (a BIGINT) WITH (key = 'b');
CREATE STREAM s1 (a BIGINT) WITH (retention = 'forever');
CREATE STREAM s1 (a BIGINT) WITH (late = 'ignore');
CREATE TABLE t1 (a BIGINT PRIMARY KEY) WITH (format = 'columnar');
CREATE TABLE t1 (a BIGINT PRIMARY KEY, b BIGINT) WITH (key = 'b');
CREATE TABLE t1 (a BIGINT);
CREATE STREAM s1 (a BIGINT, a VARCHAR);
CREATE STREAM s1 (a BIGINT, WATERMARK FOR b AS b - INTERVAL '1' SECOND);
CREATE STREAM s1 (a BIGINT, WATERMARK FOR a AS a - INTERVAL '1' SECOND);
SHOW STREAMS;

DROP STREAM clicks;
DROP STREAM clicks;
DROP STREAM IF EXISTS clicks;
DROP TABLE bids;
DROP TABLE prices;
SHOW TABLES;
