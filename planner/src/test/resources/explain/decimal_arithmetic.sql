-- DECIMAL arithmetic and comparison: constants are converted, operands cast to the result type
SELECT id, amount * 2 AS doubled, amount + 0.5 AS plus_half FROM orders WHERE amount >= 100
