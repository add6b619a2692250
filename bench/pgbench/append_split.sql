-- pgbench: append.sql's statements in the server's four transactions, the shape the server's
-- design gives an append (a reference, no target): the command (synchronous commit), then one
-- transaction per view that writes rows (artifact heads, artifact versions, the audit view), each
-- ending with its token's update, which also asks for the asynchronous commit the views' processors
-- use (AsynchronousCommit). The command's aggregate lock is an advisory lock on the artifact here
-- (the server's is in memory), so the head's row is only written by the heads' transaction.
-- Still in pgbench's favour: no HTTP, JSON, serialization or hashing in Java; no thread hand-offs
-- (the event store's reader, the views' processors, the read-your-writes wait); the views'
-- transactions run right after the command instead of being woken; the other processors store no
-- tokens. In the server's favour: its views' processors batch several appends per transaction when
-- they lag. Variables as in append.sql.
\set n random(1, :artifacts)
\set r random(1, 2000000000)
\set r2 random(1, 2000000000)
\set t 1 + (:n - 1) % :tenants
BEGIN;
-- the command: authentication, the access decision, the aggregate's lock and freshness check, the
-- content store, the tenant's append lock and the event (append.sql's 1, 2, 4, 6-10)
SELECT c.key_id, c.name AS key_name, c.prefix, c.last4, c.scopes, c.identity_type, c.identity_name,
       c.expires_at, c.revoked_at, t.tenant_id, t.name AS tenant_name, t.plan, t.owner_email,
       encode(sha256(convert_to('pgbench version ' || :client_id || '-' || :r || '-' || :r2, 'UTF8')), 'hex') AS sha
  FROM bench_credential_registry c JOIN bench_tenant_registry t ON t.tenant_id = c.tenant_id
 WHERE c.secret_sha256 = encode(sha256(convert_to('pgb-key-' || :t::text, 'UTF8')), 'hex')::char(64) \gset k_
SELECT * FROM bench_artifact_heads WHERE artifact_id = 'pgb-artifact-' || :n::text;
SELECT pg_advisory_xact_lock(hashtext('pgb-artifact-' || :n::text));
SELECT sequence_number AS seq FROM bench_domain_event_entry WHERE aggregate_identifier = 'pgb-artifact-' || :n::text
 ORDER BY sequence_number DESC LIMIT 1 \gset
\set v :seq + 2
SELECT 1 FROM bench_content_blob WHERE tenant_id = 'pgb-tenant-' || :t::text AND sha256 = :k_sha;
UPDATE bench_content_usage SET bytes = bytes + 40 WHERE tenant_id = 'pgb-tenant-' || :t::text AND bytes + 40 <= 10000000000;
INSERT INTO bench_content_blob (tenant_id, sha256, size, data)
  VALUES ('pgb-tenant-' || :t::text, :k_sha, 40, convert_to('version pgbench-' || :client_id || '-' || :r || '-' || :r2 || ' of a small artifact', 'UTF8'));
SELECT pg_advisory_xact_lock(hashtext('pgb-tenant-' || :t::text));
INSERT INTO bench_domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
    time_stamp, aggregate_identifier, sequence_number, type)
  SELECT gen_random_uuid()::text, meta_data, payload, payload_revision, payload_type, now()::text,
         'pgb-artifact-' || :n::text, :v - 1, type
    FROM bench_tpl_event WHERE kind = 'append'
  RETURNING global_index AS gi, event_identifier AS eid \gset
\set due (:v - 1) % 100
\if :due = 0
INSERT INTO bench_snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
    payload, payload_revision, payload_type, time_stamp)
  SELECT 'pgb-artifact-' || :n::text, :v - 1, 'Artifact', gen_random_uuid()::text, meta_data, payload,
         NULL, 'dev.artifacta.command.artifacts.Artifact', now()::text
    FROM bench_tpl_event WHERE kind = 'append';
\endif
COMMIT;
-- the artifact heads' processor
BEGIN;
UPDATE bench_artifact_heads SET head_version = GREATEST(head_version, :v), head_sha256 = :k_sha, head_size = 40,
       head_content_type = 'text/plain', head_file_name = NULL, updated_at = now()
 WHERE artifact_id = 'pgb-artifact-' || :n::text;
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'artifact-heads' AND segment = :client_id;
COMMIT;
-- the artifact versions' processor
BEGIN;
INSERT INTO bench_artifact_versions (id, artifact_id, tenant_id, version, sha256, size, content_type, file_name,
    restored_from, created_by_name, created_at)
  VALUES ('pgb-artifact-' || :n::text || ':' || :v::text, 'pgb-artifact-' || :n::text, 'pgb-tenant-' || :t::text, :v,
          :k_sha, 40, 'text/plain', NULL, NULL, 'API Key: Default', now())
  ON CONFLICT (id) DO NOTHING;
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'artifact-versions' AND segment = :client_id;
COMMIT;
-- the audit view's processor: the chain head and the applied check, the entry, the new head
BEGIN;
SELECT * FROM bench_audit_tenant WHERE tenant_id = 'pgb-tenant-' || :t::text;
SELECT event_id FROM bench_audit_log WHERE event_id = :eid;
UPDATE bench_audit_tenant SET last_sequence = last_sequence + 1,
       last_hash = encode(sha256(convert_to(:eid, 'UTF8')), 'hex'), last_occurred_at = now()
 WHERE tenant_id = 'pgb-tenant-' || :t::text RETURNING last_sequence AS seq, last_hash AS hash \gset a_
INSERT INTO bench_audit_log (tenant_id, sequence, previous_hash, hash, event_id, occurred_at, action,
    actor_type, actor_id, actor_display_name, actor_key_id, actor_key_name, actor_identity_type, actor_identity_name,
    resource_type, resource_id, request_id, client_address, user_agent, details)
  SELECT 'pgb-tenant-' || :t::text, :a_seq, repeat('0', 64), :a_hash, :eid, now(), action, actor_type, actor_id,
         actor_display_name, actor_key_id, actor_key_name, actor_identity_type, actor_identity_name, resource_type,
         'pgb-artifact-' || :n::text, request_id, client_address, user_agent, details
    FROM bench_tpl_audit WHERE kind = 'append';
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'audit-log' AND segment = :client_id;
COMMIT;
