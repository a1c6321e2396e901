-- ASCII (first UTF-8 byte, signed), CHR (mod 256, '' below 0), MD5, SHA256, base64 both ways (the Runnel case: ../codes.sql)
CREATE TABLE t (id INT, s STRING, p STRING, n INT, q STRING)
WITH ('connector' = 'filesystem', 'path' = '${data}/strings.csv', 'format' = 'csv', 'csv.null-literal' = '\N');
SELECT id, ASCII(s) AS a, ASCII(p) AS a2, CHR(n + 64) AS c, CHR(n + 200) AS c2, CHR(n + 321) AS wraps, CHR(n * 40 - 10) AS negative,
  MD5(s) AS m, SHA256(s) AS h, TO_BASE64(s) AS b, FROM_BASE64(TO_BASE64(s)) AS d
FROM t;
