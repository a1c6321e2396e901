-- MATCH_RECOGNIZE without WITHIN: a partial match is kept until it fails (reluctant B*?, skip to the last B)
SELECT * FROM bids MATCH_RECOGNIZE (
  ORDER BY date_time
  MEASURES FIRST(A.date_time) AS since, SUM(B.price) AS total
  AFTER MATCH SKIP TO LAST B
  PATTERN (A B*? C)
  DEFINE A AS A.price > 100, C AS AVG(B.price) > A.price)
