-- Inserts audit entries :from..:to (of :n) for tenant :'tenant' straight into the audit view, for
-- the audit query scenario: the query reads the view, so how the rows got there does not change
-- what is measured. The harness runs two of these at once on halves of the range (one per core),
-- between bench/audit_rows_prepare.sql and bench/audit_rows_index.sql.
-- 100 keys (key-000 .. key-099, interleaved as many keys writing at once would leave them: a
-- key's rows are 100 sequences apart, each on its own heap page), four actions, 10,000 artifacts,
-- spread evenly over the last 300 days (inside the Team plan's retention), sequences after the
-- tenant's real entries (:base). The hashes are placeholders of the real width: this tenant's
-- chain is not exported (the export scenario builds a real one).
INSERT INTO audit_log (event_id, tenant_id, sequence, previous_hash, hash, occurred_at, action,
                       actor_type, actor_id, actor_display_name, actor_key_id, actor_key_name, actor_identity_type,
                       actor_identity_name, resource_type, resource_id, request_id, client_address, user_agent, details)
SELECT 'bench-' || :'tenant' || '-' || lpad(g::text, 10, '0'), :'tenant', :base + g, repeat('0', 64), repeat('0', 64),
       now() - interval '300 days' + (interval '300 days' / :n) * g,
       (ARRAY['artifact.version_appended', 'artifact.created', 'api_key.created', 'artifact.restored'])[1 + g % 4],
       'api_key', 'key-' || lpad((g % 100)::text, 3, '0'), 'API Key: key-' || lpad((g % 100)::text, 3, '0'),
       'key-' || lpad((g % 100)::text, 3, '0'), 'key-' || lpad((g % 100)::text, 3, '0'), 'user', 'owner@bench.test',
       'artifact', md5((g % 10000)::text)::uuid::text, 'req-' || g, '10.0.0.1', 'wrk', '{"version":1}'
  FROM generate_series(:from, :to) AS g;
