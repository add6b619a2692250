-- Before bench/audit_rows.sql loads millions of rows: as in any bulk load, the secondary indexes
-- are dropped and rebuilt afterwards (inserting ten million rows one by one into nine indexes
-- takes many minutes). Their definitions are kept, read from pg_indexes, so they come back
-- exactly as Flyway created them. The primary key and the (tenant_id, sequence) constraint stay:
-- rows arrive in their order, so keeping them costs little.
DROP TABLE IF EXISTS bench_audit_indexes;
CREATE TABLE bench_audit_indexes AS
  SELECT indexname, indexdef FROM pg_indexes
   WHERE schemaname = current_schema() AND tablename = 'audit_log' AND indexname LIKE 'ix\_%';
DO $$
DECLARE i record;
BEGIN
  FOR i IN SELECT indexname FROM bench_audit_indexes LOOP
    EXECUTE format('DROP INDEX %I', i.indexname);
  END LOOP;
END
$$;
