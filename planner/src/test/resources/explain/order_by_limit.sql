-- ORDER BY with OFFSET and FETCH; non-default NULL order is shown
SELECT auction, price FROM bids
ORDER BY price DESC, date_time NULLS FIRST
OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY
