-- projection and filter over a stream; the scan reads only the columns used
SELECT auction, price * 2 AS doubled FROM bids WHERE price > 1000
