-- The Nexmark streams (nexmark/nexmark queries/ddl_gen.sql + ddl_views.sql), one stream per event
-- kind instead of one source table with a ROW column per kind, and snake_case column names
-- (dateTime is a reserved word in Flink's parser, so both sides use date_time).
-- Columnar format, one partition; the 4 s watermark delay is the reference's.
CREATE STREAM IF NOT EXISTS person (
    id BIGINT,
    name VARCHAR,
    email_address VARCHAR,
    credit_card VARCHAR,
    city VARCHAR,
    state VARCHAR,
    date_time TIMESTAMP(3),
    extra VARCHAR,
    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
);

CREATE STREAM IF NOT EXISTS auction (
    id BIGINT,
    item_name VARCHAR,
    description VARCHAR,
    initial_bid BIGINT,
    reserve BIGINT,
    date_time TIMESTAMP(3),
    expires TIMESTAMP(3),
    seller BIGINT,
    category BIGINT,
    extra VARCHAR,
    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
);

CREATE STREAM IF NOT EXISTS bid (
    auction BIGINT,
    bidder BIGINT,
    price BIGINT,
    channel VARCHAR,
    url VARCHAR,
    date_time TIMESTAMP(3),
    extra VARCHAR,
    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
);
