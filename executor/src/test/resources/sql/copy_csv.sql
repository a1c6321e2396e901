-- COPY FROM a csv file: good rows load, bad rows go to the dead-letter topic (<topic>.dlq) and are counted.
-- data/bids.csv has a header, a blank line, quoted fields, an empty field (NULL) and four bad rows:
-- a price that is not a number, a row with too few fields, a timestamp that does not parse ("yesterday"),
-- and a quote that is never closed (it swallows the end of the file, so it is one bad record).

CREATE STREAM bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3));

COPY bids FROM 'data/bids.csv' WITH (format = 'csv', header = true);
SELECT * FROM bids;
DESCRIBE bids;

-- Each dead letter says why, and where it came from (file:line). No SQL statement reads a dead-letter
-- topic yet (a stream cannot be created over an existing topic), so the runner lists it.
!dump-topic bids.dlq;

-- A file that was loaded whole is not loaded again, unless reload = true.
COPY bids FROM 'data/bids.csv' WITH (header = true);
COPY bids FROM 'data/bids.csv' WITH (header = true, reload = true);
SELECT COUNT(*) AS n FROM bids;

-- Other delimiters and NULL markers; .tsv files are tab-separated by default.
CREATE STREAM more_bids (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3));
COPY more_bids FROM 'data/bids.tsv' WITH (null = '\N');
SELECT * FROM more_bids;

-- Into a table: rows upsert by primary key.
CREATE TABLE last_bid (auction BIGINT PRIMARY KEY, bidder BIGINT, price BIGINT, channel VARCHAR, date_time TIMESTAMP(3));
COPY last_bid FROM 'data/bids.csv' WITH (header = true);
SELECT * FROM last_bid;

-- Errors: nothing is loaded.
COPY bids FROM 'data/missing.csv';
COPY bids FROM 'data/bids.csv' WITH (headers = true);
COPY bids FROM 'data/bids.csv' WITH (header = 'yes');
COPY bids FROM 'data/bids.csv' WITH (delimiter = ';;');
COPY bids FROM 'data/bids' ;
COPY nowhere FROM 'data/bids.csv';
