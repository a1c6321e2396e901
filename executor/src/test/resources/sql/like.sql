-- LIKE and NOT LIKE: % any run of characters, _ exactly one, ESCAPE for a literal % or _.

CREATE STREAM words (w VARCHAR);
INSERT INTO words VALUES ('apple'), ('Apple'), ('application'), ('grape'), ('a_b'), ('axb'), ('50%'), ('5000'), (''), (NULL);

SELECT w FROM words WHERE w LIKE 'app%';
SELECT w FROM words WHERE w LIKE '%pl%';
SELECT w FROM words WHERE w LIKE 'a_b';
SELECT w FROM words WHERE w LIKE 'a\_b' ESCAPE '\';
SELECT w FROM words WHERE w LIKE '%!%' ESCAPE '!';
SELECT w FROM words WHERE w LIKE '';
SELECT w FROM words WHERE w NOT LIKE '%a%';
SELECT w, w LIKE 'a%' AS starts_a FROM words;
-- LIKE is case-sensitive; compare LOWER(...) for a case-insensitive match.
SELECT w FROM words WHERE LOWER(w) LIKE 'apple';
-- Regex characters are not special.
SELECT w FROM words WHERE w LIKE 'a.b';
