-- SET 'key' = 'value' and RESET 'key': session settings, checked when set; SHOW SETTINGS lists them.

SHOW SETTINGS;
SET 'checkpoint.interval' = '5 s';
SET 'state.ttl' = '1 h';
SET 'timezone' = 'Europe/Paris';
SET 'parallelism' = '4';
SET 'scan.start' = 'earliest';
SET 'consistency' = 'at_least_once';
SET 'consistency' = 'eventual';
SET 'runnel.anything' = 'goes';
-- Keys are case-insensitive and may be written without quotes; values may be numbers or names.
SET Parallelism = 2;
SET checkpoint.interval = '10 s';
SHOW SETTINGS;
RESET 'state.ttl';
RESET runnel.anything;
SHOW SETTINGS;
-- Resetting a key that was not set is fine.
RESET 'timezone';
RESET 'timezone';
-- Errors: the setting is unchanged.
SET 'checkpoint.intervall' = '5 s';
SET 'checkpoint.interval' = 'soon';
SET 'parallelism' = '0';
SET 'timezone' = 'Mars/Olympus';
SET 'runnel.' = 'x';
SET parallelism;
SHOW SETTINGS;
