-- deduplication without a window (Nexmark q18): the last bid per bidder and auction (ORDER BY the
-- time attribute DESC, rownum <= 1), the row number projected away; updating
SELECT auction, bidder, price, channel, date_time FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY bidder, auction ORDER BY date_time DESC) AS rank_number FROM bids)
WHERE rank_number <= 1
