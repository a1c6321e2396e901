-- metadata columns are read by name (and left out of *)
SELECT _partition, _offset, _timestamp, _append_time, auction
FROM bids
WHERE _append_time > _timestamp + INTERVAL '5' SECOND
