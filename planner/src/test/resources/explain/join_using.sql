-- JOIN ... USING: the common columns are equi-join keys (and appear once in SELECT *).
SELECT id, name, amount FROM users JOIN orders USING (id)
