-- After the load: rebuilds one of the dropped indexes (:'index') from its definition. The harness
-- runs the ones the measured query can use (ix_audit_log_key_name, ix_audit_log_time) at once,
-- one session each, then ANALYZE; bench/audit_rows_cleanup.sql brings back the others.
SET maintenance_work_mem = '512MB';
SET bench.index = :'index';
DO $$
DECLARE d text;
BEGIN
  SELECT indexdef INTO STRICT d FROM bench_audit_indexes WHERE indexname = current_setting('bench.index');
  EXECUTE d;
END
$$;
