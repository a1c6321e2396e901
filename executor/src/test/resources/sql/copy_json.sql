-- COPY FROM a json-lines file: one object per line, fields by name (missing ones are NULL, unknown ones ignored),
-- TIMESTAMP as text or epoch milliseconds. Bad lines (a wrong type, broken JSON, not an object, no primary key)
-- go to the dead-letter topic.

CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR, city VARCHAR, joined TIMESTAMP(3));

COPY users FROM 'data/users.json';
-- The last line updated user 1.
SELECT * FROM users;

!dump-topic users.dlq;

-- Into a stream, every line is a row.
CREATE STREAM signups (id BIGINT, name VARCHAR, joined TIMESTAMP(3));
COPY signups FROM 'data/users.json' WITH (format = 'json');
SELECT * FROM signups;

-- csv options do not apply to json.
COPY signups FROM 'data/users.json' WITH (header = true);
