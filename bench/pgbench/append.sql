-- pgbench: one authenticated append of a small version (POST /v1/artifacts/{id}/versions) as raw
-- SQL in ONE transaction, against the bench_ twins that setup.sql makes. Variables (-D): artifacts,
-- split (0, or 1: below), tenants (1: every artifact of pgb-tenant-1, the write scenario on one
-- tenant; N: artifact n belongs to tenant 1 + (n - 1) % N and is written with that tenant's key, the
-- scenario over N tenants, which then have N chains, N usage rows and N append locks).
--
-- What the server does for one append, and the statement here that stands for it:
--   ApiKeyAuthenticationFilter   credential + tenant by the key's SHA-256        -> statement 1
--   ArtifactGuard.authorize      artifact head by id (artifact_heads)             -> statement 2
--   Axon aggregate lock          in-memory lock per artifact, held to the commit  -> the head UPDATE
--                                                                                  (statement 3) locks
--                                                                                  the row first
--   Axon loads Artifact          from the node's memory (FreshAggregateCache), after -> statement 4
--                                checking its last sequence number in the store
--   JdbcContentStore.store       exists? count up the tenant's usage within the   -> statements 6-8
--                                quota (its row locked to the commit), INSERT
--   per-tenant append lock       pg_advisory_xact_lock (TenantOrderedEventStorageEngine) -> 9a
--   Axon appends the event       INSERT domain_event_entry                        -> statement 9
--   snapshot every 100 events    INSERT snapshot_event_entry                      -> statement 10
--   artifact-heads view          UPDATE artifact_heads (moveHead)                 -> statement 3
--   artifact-versions view       INSERT artifact_versions unless there            -> statement 11
--   audit-log view               chain head, applied check, INSERT audit_log,     -> statements 12-15
--                                UPDATE head
--   each view's processor        UPDATE token_entry (one per view and batch)      -> statements 16-18
-- Differences, all in pgbench's favour: the server spreads this over four transactions (the
-- command, then one per view processor, which batch several events per token update when they
-- lag); the other three processors also store their tokens; usage counters are flushed every 2 s
-- (not counted); HTTP, JSON and Axon's serialization are not here. Token rows are one per client
-- (setup.sql), like processor segments, so clients never wait on each other's token row.
-- Every body is unique to its tenant (the content's key): with one random number of 2e9, a client's
-- ten thousand appends in a full run repeated one about once in thirty runs, which aborted pgbench.
--
-- With -D split=1 the same statements run in the server's four transactions instead (a reference
-- row, no target): the command (synchronous commit), then one per view that writes rows (artifact
-- heads, artifact versions, the audit view), each ending with its token's update, which also asks
-- for the asynchronous commit the views use (AsynchronousCommit). The aggregate's lock is then an
-- advisory lock on the artifact (the server's is in memory), since the head's row is only written by
-- the heads' transaction. Still in pgbench's favour: no thread hand-offs (the event store's reader,
-- the views' processors, the read-your-writes wait), the views' transactions run right after the
-- command; in the server's favour: its views' processors batch appends when they lag.
\set n random(1, :artifacts)
\set r random(1, 2000000000)
\set r2 random(1, 2000000000)
\set t 1 + (:n - 1) % :tenants
BEGIN;
-- 1. authentication; also the SHA-256 of this version's content, which the server computes in Java
SELECT c.key_id, c.name AS key_name, c.prefix, c.last4, c.scopes, c.identity_type, c.identity_name,
       c.expires_at, c.revoked_at, t.tenant_id, t.name AS tenant_name, t.plan, t.owner_email,
       encode(sha256(convert_to('pgbench version ' || :client_id || '-' || :r || '-' || :r2, 'UTF8')), 'hex') AS sha
  FROM bench_credential_registry c JOIN bench_tenant_registry t ON t.tenant_id = c.tenant_id
 WHERE c.secret_sha256 = encode(sha256(convert_to('pgb-key-' || :t::text, 'UTF8')), 'hex')::char(64) \gset k_
-- 2. the artifact's head, for the access decision
SELECT * FROM bench_artifact_heads WHERE artifact_id = 'pgb-artifact-' || :n::text;
\if :split
-- Axon's lock on the artifact, held to the commit
SELECT pg_advisory_xact_lock(hashtext('pgb-artifact-' || :n::text));
\else
-- 3. the head moves (and the row lock serializes appends to one artifact, as Axon's lock does)
UPDATE bench_artifact_heads SET head_version = head_version + 1, head_sha256 = :k_sha, head_size = 40,
       head_content_type = 'text/plain', head_file_name = NULL, updated_at = now()
 WHERE artifact_id = 'pgb-artifact-' || :n::text RETURNING head_version AS v \gset
\endif
-- 4. the aggregate cache's freshness check: the artifact's last sequence number in the store (the
-- cached aggregate is used only if no other node appended since)
SELECT sequence_number AS seq FROM bench_domain_event_entry WHERE aggregate_identifier = 'pgb-artifact-' || :n::text
 ORDER BY sequence_number DESC LIMIT 1 \gset
\if :split
\set v :seq + 2
\endif
-- 6-8. the content store
SELECT 1 FROM bench_content_blob WHERE tenant_id = 'pgb-tenant-' || :t::text AND sha256 = :k_sha;
UPDATE bench_content_usage SET bytes = bytes + 40 WHERE tenant_id = 'pgb-tenant-' || :t::text AND bytes + 40 <= 10000000000;
INSERT INTO bench_content_blob (tenant_id, sha256, size, data)
  VALUES ('pgb-tenant-' || :t::text, :k_sha, 40, convert_to('version pgbench-' || :client_id || '-' || :r || '-' || :r2 || ' of a small artifact', 'UTF8'));
-- 9a. a tenant's appends commit one at a time, in position order (the audit chain needs it)
SELECT pg_advisory_xact_lock(hashtext('pgb-tenant-' || :t::text));
-- 9. the event (ArtifactVersionAppended, with real payload and metadata bytes)
INSERT INTO bench_domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
    time_stamp, aggregate_identifier, sequence_number, type)
  SELECT gen_random_uuid()::text, meta_data, payload, payload_revision, payload_type, now()::text,
         'pgb-artifact-' || :n::text, :v - 1, type
    FROM bench_tpl_event WHERE kind = 'append'
  RETURNING global_index AS gi, event_identifier AS eid \gset
-- 10. a snapshot every 100 events (the aggregate's state; the payload bytes stand in for it)
\set due (:v - 1) % 100
\if :due = 0
INSERT INTO bench_snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
    payload, payload_revision, payload_type, time_stamp)
  SELECT 'pgb-artifact-' || :n::text, :v - 1, 'Artifact', gen_random_uuid()::text, meta_data, payload,
         NULL, 'dev.artifacta.command.artifacts.Artifact', now()::text
    FROM bench_tpl_event WHERE kind = 'append';
\endif
\if :split
COMMIT;
-- 3. the artifact heads' processor
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
\endif
-- 11. the versions view
INSERT INTO bench_artifact_versions (id, artifact_id, tenant_id, version, sha256, size, content_type, file_name,
    restored_from, created_by_name, created_at)
  VALUES ('pgb-artifact-' || :n::text || ':' || :v::text, 'pgb-artifact-' || :n::text, 'pgb-tenant-' || :t::text, :v,
          :k_sha, 40, 'text/plain', NULL, NULL, 'API Key: Default', now())
  ON CONFLICT (id) DO NOTHING;
\if :split
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'artifact-versions' AND segment = :client_id;
COMMIT;
-- the audit view's processor
BEGIN;
\endif
-- 12-15. the audit view: the tenant's chain head, the check for entries already applied, the entry,
-- the new head (the hash is made in Java)
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
\if :split
UPDATE bench_token_entry SET token = token, timestamp = now()::text
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
 WHERE processor_name = 'audit-log' AND segment = :client_id;
\else
-- 16-18. the three views' tokens
UPDATE bench_token_entry SET token = token, timestamp = now()::text
 WHERE processor_name = 'artifact-heads' AND segment = :client_id;
UPDATE bench_token_entry SET token = token, timestamp = now()::text
 WHERE processor_name = 'artifact-versions' AND segment = :client_id;
UPDATE bench_token_entry SET token = token, timestamp = now()::text
 WHERE processor_name = 'audit-log' AND segment = :client_id;
\endif
COMMIT;
