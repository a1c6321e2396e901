-- String functions and operators. NULL in, NULL out, unless noted.

CREATE STREAM pages (id INT, url VARCHAR, title VARCHAR);
INSERT INTO pages VALUES
  (1, 'http://shop.example/item?id=42&ref=mail', '  Blue Kettle  '),
  (2, 'https://news.example/a/b/c', 'Élan vital'),
  (3, NULL, NULL),
  (4, 'ftp://files.example', '');

SELECT id, UPPER(title) AS up, LOWER(title) AS low, CHAR_LENGTH(title) AS len FROM pages;
SELECT id, TRIM(title) AS both_trimmed, TRIM(LEADING FROM title) AS left_trimmed, TRIM(TRAILING FROM title) AS right_trimmed
FROM pages WHERE id = 1;
SELECT TRIM(BOTH 'x' FROM 'xxhixx') AS t1, TRIM(LEADING 'x' FROM 'xxhixx') AS t2, TRIM(TRAILING 'x' FROM 'xxhixx') AS t3;
SELECT id, SUBSTRING(url FROM 1 FOR 5) AS scheme, SUBSTRING(url FROM 8) AS rest FROM pages;
-- Standard SQL: positions before 1 count but yield nothing (Flink gives 'he' for s0).
SELECT SUBSTRING('hello' FROM 0 FOR 2) AS s0, SUBSTRING('hello' FROM 4 FOR 10) AS s4, SUBSTRING('hello' FROM 9) AS s9;
SELECT id, url || ' - ' || title AS both_, 'id=' || CAST(id AS VARCHAR) AS label FROM pages;
SELECT id, POSITION('://' IN url) AS sep FROM pages;
SELECT id, SPLIT_INDEX(url, '/', 2) AS host, SPLIT_INDEX(url, '/', 9) AS none_ FROM pages;
-- REGEXP_EXTRACT's default group is 0, the whole match (as Flink's).
SELECT id, REGEXP_EXTRACT(url, 'id=([0-9]+)') AS item, REGEXP_EXTRACT(url, '^([a-z]+)://([^/]+)', 2) AS host,
       REGEXP_EXTRACT(url, '[a-z]+', 0) AS first_word
FROM pages;
-- Strings are Unicode: lengths count characters, not bytes.
SELECT CHARACTER_LENGTH('Élan') AS chars, UPPER('élan') AS up, 'Zürich ✓ 東京' AS text, CHAR_LENGTH('東京🚀') AS n;
-- REPLACE replaces every occurrence, left to right, as Flink does (an empty search puts the
-- replacement before every character and at the end); counting a character by what REPLACE removes
-- is how Nexmark q14's count_char is written without a user-defined function.
SELECT id, REPLACE(url, '/', '|') AS piped, REPLACE(title, 'a', '') AS no_a,
       CHAR_LENGTH(url) - CHAR_LENGTH(REPLACE(url, '/', '')) AS slashes
FROM pages;
SELECT REPLACE('aaa', 'aa', 'b') AS overlapping, REPLACE('abc', '', '-') AS empty_search,
       REPLACE('abc', 'b', CAST(NULL AS VARCHAR)) AS null_replacement;
