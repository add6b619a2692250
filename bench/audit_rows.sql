-- Loads :n audit entries for tenant :'tenant' straight into the audit view, for the audit query
-- scenario: the query reads the view, so how the rows got there does not change what is measured.
-- 100 keys (key-000 .. key-099), four actions, 10,000 artifacts, spread evenly over the last 300
-- days, sequences after the tenant's real entries. The hashes are placeholders: this tenant's chain
-- is not exported (the export scenario builds a real one).
--
-- Ten million rows inserted one by one into nine indexes take many minutes; as in any bulk load,
-- the secondary indexes are dropped first and rebuilt afterwards from their own definitions (read
-- from pg_indexes, so they are exactly the ones Flyway created).
SET maintenance_work_mem = '512MB';
CREATE TEMPORARY TABLE bench_audit_indexes AS
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
INSERT INTO audit_log (event_id, tenant_id, sequence, previous_hash, hash, occurred_at, action,
                       actor_type, actor_id, actor_display_name, actor_key_id, actor_key_name, actor_identity_type,
                       actor_identity_name, resource_type, resource_id, request_id, client_address, user_agent, details)
SELECT 'bench-' || :'tenant' || '-' || lpad(g::text, 10, '0'), :'tenant', :base + g, repeat('0', 64), repeat('0', 64),
       now() - interval '300 days' + (interval '300 days' / :n) * g,
       (ARRAY['artifact.version_appended', 'artifact.created', 'api_key.created', 'artifact.restored'])[1 + g % 4],
       'api_key', 'key-' || lpad((g % 100)::text, 3, '0'), 'API Key: key-' || lpad((g % 100)::text, 3, '0'),
       'key-' || lpad((g % 100)::text, 3, '0'), 'key-' || lpad((g % 100)::text, 3, '0'), 'user', 'owner@bench.test',
       'artifact', md5((g % 10000)::text)::uuid::text, 'req-' || g, '10.0.0.1', 'wrk', '{"version":1}'
  FROM generate_series(1, :n) AS g;
DO $$
DECLARE i record;
BEGIN
  FOR i IN SELECT indexdef FROM bench_audit_indexes LOOP
    EXECUTE i.indexdef;
  END LOOP;
END
$$;
ANALYZE audit_log;
