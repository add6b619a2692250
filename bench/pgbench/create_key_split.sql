-- pgbench: create_key.sql's statements in the server's three transactions, the shape the server's
-- design gives a key creation (a reference, no target): the command (synchronous commit), then the
-- key list's and the audit view's transactions, each ending with its token's update, which also
-- asks for the asynchronous commit the views' processors use (AsynchronousCommit). Still in
-- pgbench's favour: no HTTP, JSON, serialization or hashing in Java, no thread hand-offs, the other
-- processors store no tokens; in the server's favour: its views' processors batch several keys per
-- transaction when they lag. Variables as in create_key.sql.
\set t random(1, :tenants)
\set r random(1, 2000000000)
BEGIN;
-- 1. authentication; also the new key's id and hash
SELECT c.key_id, c.name AS key_name, c.prefix, c.last4, c.scopes, c.identity_type, c.identity_name,
       c.expires_at, c.revoked_at, t.tenant_id, t.name AS tenant_name, t.plan, t.owner_email,
       gen_random_uuid()::text AS kid,
       encode(sha256(convert_to('pgbench key ' || :client_id || '-' || :r, 'UTF8')), 'hex') AS sha
  FROM bench_credential_registry c JOIN bench_tenant_registry t ON t.tenant_id = c.tenant_id
 WHERE c.secret_sha256 = encode(sha256(convert_to('pgb-key-' || :t::text, 'UTF8')), 'hex')::char(64) \gset k_
-- 2, 3. the plan's limit and the name rule, under the tenant's row lock
SELECT * FROM bench_tenant_registry WHERE tenant_id = 'pgb-tenant-' || :t::text FOR UPDATE;
SELECT (SELECT COUNT(*) FROM (SELECT expires_at FROM bench_credential_registry
 WHERE tenant_id = 'pgb-tenant-' || :t::text AND revoked_at IS NULL AND expires_at IS NULL ORDER BY expires_at) n)
     + (SELECT COUNT(*) FROM (SELECT expires_at FROM bench_credential_registry
 WHERE tenant_id = 'pgb-tenant-' || :t::text AND revoked_at IS NULL AND expires_at > now() ORDER BY expires_at) l),
       (SELECT COUNT(*) FROM bench_credential_registry WHERE tenant_id = 'pgb-tenant-' || :t::text
   AND active_name = 'pgb-' || :client_id::text || '-' || :r::text AND (expires_at IS NULL OR expires_at > now()));
-- 4. the event (ApiKeyCreated, with real payload and metadata bytes), under the tenant's
-- append lock (TenantOrderedEventStorageEngine)
SELECT pg_advisory_xact_lock(hashtext('pgb-tenant-' || :t::text));
INSERT INTO bench_domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
    time_stamp, aggregate_identifier, sequence_number, type)
  SELECT gen_random_uuid()::text, meta_data, payload, payload_revision, payload_type, now()::text, :k_kid, 0, type
    FROM bench_tpl_event WHERE kind = 'key'
  RETURNING global_index AS gi, event_identifier AS eid \gset
-- 5, 6. the credential lookup, in the command's transaction
UPDATE bench_credential_registry SET active_name = NULL WHERE tenant_id = 'pgb-tenant-' || :t::text
   AND active_name = 'pgb-' || :client_id::text || '-' || :r::text AND expires_at IS NOT NULL AND expires_at <= now();
INSERT INTO bench_credential_registry (key_id, tenant_id, name, active_name, secret_sha256, prefix, last4, scopes,
    identity_type, identity_name, expires_at, created_at, revoked_at)
  VALUES (:k_kid, 'pgb-tenant-' || :t::text, 'pgb-' || :client_id::text || '-' || :r::text,
          'pgb-' || :client_id::text || '-' || :r::text, :k_sha, 'ak_live_pgb', 'wxyz', :k_scopes, 'user',
          'pgb@example.test', now() + interval '2 seconds', now(), NULL)
  ON CONFLICT (key_id) DO NOTHING;
COMMIT;
-- the key list's processor
BEGIN;
INSERT INTO bench_api_key_list (key_id, tenant_id, name, description, prefix, last4, scopes, identity_type,
    identity_name, created_at, created_by_type, created_by_id, created_by_name, expires_at, revoked_at)
  VALUES (:k_kid, 'pgb-tenant-' || :t::text, 'pgb-' || :client_id::text || '-' || :r::text, NULL, 'ak_live_pgb',
          'wxyz', :k_scopes, 'user', 'pgb@example.test', now(), 'api_key', 'pgb-key-' || :t::text,
          'API Key: Default', now() + interval '2 seconds', NULL)
  ON CONFLICT (key_id) DO NOTHING;
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'api-key-list' AND segment = :client_id;
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
         :k_kid, request_id, client_address, user_agent, details
    FROM bench_tpl_audit WHERE kind = 'key';
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'audit-log' AND segment = :client_id;
COMMIT;
