-- an aggregate without GROUP BY: one row; the scan still decodes one column
SELECT COUNT(*) AS n FROM bids
