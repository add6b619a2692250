-- After the audit query's measurement: removes the loaded rows (tenant :'tenant', event ids
-- 'bench-...') and rebuilds the indexes left out, so that the scenarios after it (replay, export)
-- write into the audit view exactly as Flyway made it. The other rows (entries the server wrote)
-- are kept: copied aside, the table emptied, copied back, all under one lock, so nothing the
-- server writes meanwhile is lost (its audit projection waits for the lock).
BEGIN;
LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE;
CREATE TEMPORARY TABLE bench_audit_kept ON COMMIT DROP AS
  SELECT * FROM audit_log WHERE NOT (tenant_id = :'tenant' AND event_id LIKE 'bench-%');
TRUNCATE audit_log;
INSERT INTO audit_log SELECT * FROM bench_audit_kept;
DO $$
DECLARE i record;
BEGIN
  FOR i IN SELECT indexname, indexdef FROM bench_audit_indexes LOOP
    IF to_regclass(quote_ident(i.indexname)) IS NULL THEN
      EXECUTE i.indexdef;
    END IF;
  END LOOP;
END
$$;
DROP TABLE bench_audit_indexes;
COMMIT;
ANALYZE audit_log;
