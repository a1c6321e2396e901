-- ? parameters are numbered from 1 in EXPLAIN
SELECT price FROM bids WHERE auction = ? AND channel = ?
