-- INSERT ... VALUES: constants in the column types
INSERT INTO bids VALUES (1, 7, 100, 'web', 'http://x', TIMESTAMP '2026-01-01 00:00:01', '')
