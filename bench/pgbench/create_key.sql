-- pgbench: one authenticated API key creation (POST /v1/api-keys) as raw SQL in ONE transaction,
-- against the bench_ twins that setup.sql makes. Variables (-D): tenants, the number of tenants the
-- requests rotate over (the HTTP side rotates over as many tenants' keys); split (0, or 1: below).
--
-- What the server does for one key creation, and the statement here that stands for it:
--   ApiKeyAuthenticationFilter       credential + tenant by the key's SHA-256            -> 1
--   JdbcKeyAllowances                tenant row FOR UPDATE (creations of a tenant queue),
--                                    active keys and those with that name, one statement -> 2, 3
--   Axon appends the event           INSERT domain_event_entry (ApiKeyCreated)           -> 4
--   CredentialRegistryProjection     (subscribing, same transaction) release an expired
--                                    key's name, INSERT credential_registry unless there -> 5, 6
--   api-key-list view                INSERT api_key_list unless there                    -> 7
--   audit-log view                   chain head, applied check, INSERT audit_log,
--                                    UPDATE head                                         -> 8-11
--   each view's processor            UPDATE token_entry                                  -> 12, 13
-- Differences, all in pgbench's favour: the server uses three transactions (the command, then one
-- per view processor, which batch events when they lag); the other processors store their tokens
-- too; the key's random secret and its hash are made in Java; no HTTP, JSON or serialization.
-- Keys expire 2 s after creation here too, as the HTTP side's do (so the counts stay small).
--
-- With -D split=1 the same statements run in the server's three transactions instead (a reference
-- row, no target): the command (synchronous commit), then the key list's and the audit view's, each
-- ending with its token's update, which also asks for the asynchronous commit the views use
-- (AsynchronousCommit). Still in pgbench's favour: no thread hand-offs; in the server's favour: its
-- views' processors batch keys when they lag.
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
\if :split
COMMIT;
-- the key list's processor
BEGIN;
\endif
-- 7. the key list view
INSERT INTO bench_api_key_list (key_id, tenant_id, name, description, prefix, last4, scopes, identity_type,
    identity_name, created_at, created_by_type, created_by_id, created_by_name, expires_at, revoked_at)
  VALUES (:k_kid, 'pgb-tenant-' || :t::text, 'pgb-' || :client_id::text || '-' || :r::text, NULL, 'ak_live_pgb',
          'wxyz', :k_scopes, 'user', 'pgb@example.test', now(), 'api_key', 'pgb-key-' || :t::text,
          'API Key: Default', now() + interval '2 seconds', NULL)
  ON CONFLICT (key_id) DO NOTHING;
\if :split
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'api-key-list' AND segment = :client_id;
COMMIT;
-- the audit view's processor
BEGIN;
\endif
-- 8-11. the audit view: the tenant's chain head, the check for entries already applied, the entry,
-- the new head
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
\if :split
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'audit-log' AND segment = :client_id;
\else
-- 12, 13. the two views' tokens
UPDATE bench_token_entry SET token = token, timestamp = now()::text
 WHERE processor_name = 'api-key-list' AND segment = :client_id;
UPDATE bench_token_entry SET token = token, timestamp = now()::text
 WHERE processor_name = 'audit-log' AND segment = :client_id;
\endif
COMMIT;
