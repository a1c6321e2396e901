-- Result check of Nexmark q12 for Apache Flink 2.3 (the Runnel case: ../q12-totals.sql): each bidder's
-- total bid count. Flink's q12 itself gives no rows on the harness's bounded input: its processing-time
-- timers do not fire when the input ends, and a run (~2 s) ends before a 10-second window closes. So the
-- totals Runnel's windows must add up to are counted here directly: every bid in exactly one window.
SELECT bidder, COUNT(*) AS bids FROM bid GROUP BY bidder
