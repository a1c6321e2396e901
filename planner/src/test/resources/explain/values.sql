-- VALUES; more than three rows are elided in EXPLAIN
VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')
