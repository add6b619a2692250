-- Shadow tables for the pgbench side of bench/run, in the benchmark's own database.
--
-- pgbench must not write into the tables the running server reads (its processors would try to
-- project fake events), so every table an HTTP request touches gets a bench_ twin made with
-- LIKE ... INCLUDING ALL: the same columns, types, defaults, identity, primary keys, unique
-- constraints and indexes, hence the same write cost. Each twin starts with a copy of what the
-- HTTP scenarios wrote, so the indexes have the same size, plus synthetic rows the scripts address
-- by number:
--   pgb-tenant-<t> (t = 1..:tenants)   tenants on the team plan, each with one key whose secret
--                                      is 'pgb-key-<t>' (stored as its SHA-256, as the server does)
--   pgb-artifact-<n> (n = 1..:artifacts)  artifacts of pgb-tenant-1, version 1, one event each
--                                      (append.sql over N tenants writes artifact n as tenant
--                                      1 + (n - 1) % N; no statement reads the head's tenant)
--   token rows (processor, segment 0..:segments-1)  one per pgbench client and processor, so no
--                                      two clients contend for a token row (see append.sql)
-- Row templates (bench_tpl_*) are real rows the server wrote: event payload and metadata bytes,
-- an audit entry, so pgbench inserts rows of the real size.
-- psql variables: artifacts, tenants, segments.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['domain_event_entry', 'snapshot_event_entry', 'token_entry', 'tenant_registry',
      'credential_registry', 'api_key_list', 'audit_log', 'audit_tenant', 'content_blob', 'content_usage', 'project_list',
      'artifact_heads', 'artifact_versions'] LOOP
    EXECUTE format('DROP TABLE IF EXISTS bench_%s', t);
    EXECUTE format('CREATE TABLE bench_%s (LIKE %s INCLUDING ALL)', t, t);
  END LOOP;
END
$$;

INSERT INTO bench_domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
    time_stamp, aggregate_identifier, sequence_number, type)
  SELECT event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
         aggregate_identifier, sequence_number, type
    FROM domain_event_entry ORDER BY global_index;
INSERT INTO bench_snapshot_event_entry SELECT * FROM snapshot_event_entry;
INSERT INTO bench_tenant_registry SELECT * FROM tenant_registry;
INSERT INTO bench_credential_registry SELECT * FROM credential_registry;
INSERT INTO bench_api_key_list SELECT * FROM api_key_list;
INSERT INTO bench_audit_log SELECT * FROM audit_log;
INSERT INTO bench_audit_tenant SELECT * FROM audit_tenant;
INSERT INTO bench_content_blob SELECT * FROM content_blob;
INSERT INTO bench_content_usage SELECT * FROM content_usage;
INSERT INTO bench_project_list SELECT * FROM project_list;
INSERT INTO bench_artifact_heads SELECT * FROM artifact_heads;
INSERT INTO bench_artifact_versions SELECT * FROM artifact_versions;
-- Audit entries are keyed by the event's position: start the twin's identity past the copies.
SELECT setval(pg_get_serial_sequence('bench_domain_event_entry', 'global_index'),
              (SELECT COALESCE(MAX(global_index), 0) + 1000000 FROM domain_event_entry));

-- Templates: the newest event of each kind and its audit entry.
DROP TABLE IF EXISTS bench_tpl_event, bench_tpl_audit;
CREATE TABLE bench_tpl_event AS
  SELECT DISTINCT ON (kind) kind, meta_data, payload, payload_revision, payload_type, type
    FROM (SELECT CASE WHEN payload_type LIKE '%.ArtifactVersionAppended' THEN 'append'
                      WHEN payload_type LIKE '%.ArtifactCreated' THEN 'artifact'
                      WHEN payload_type LIKE '%.ApiKeyCreated' THEN 'key' END AS kind, d.*
            FROM domain_event_entry d) e
   WHERE kind IS NOT NULL ORDER BY kind, global_index DESC;
CREATE TABLE bench_tpl_audit AS
  SELECT DISTINCT ON (kind) *
    FROM (SELECT CASE action WHEN 'artifact.version_appended' THEN 'append'
                             WHEN 'api_key.created' THEN 'key' END AS kind, a.*
            FROM audit_log a) a
   WHERE kind IS NOT NULL ORDER BY kind, occurred_at DESC;
DO $$
BEGIN
  IF (SELECT COUNT(*) FROM bench_tpl_event) < 3 OR (SELECT COUNT(*) FROM bench_tpl_audit) < 2 THEN
    RAISE EXCEPTION 'setup.sql needs an appended version, an artifact and a key (and their audit entries) to copy';
  END IF;
END
$$;

-- Synthetic tenants, each with one key and the plan the HTTP tenants have.
INSERT INTO bench_tenant_registry (tenant_id, name, owner_email, plan, created_at)
  SELECT 'pgb-tenant-' || t, 'pgb-tenant-' || t, 'pgb@example.test', 'team', now()
    FROM generate_series(1, :tenants) t;
INSERT INTO bench_credential_registry (key_id, tenant_id, name, active_name, secret_sha256, prefix, last4, scopes,
    identity_type, identity_name, expires_at, created_at, revoked_at)
  SELECT 'pgb-key-' || t, 'pgb-tenant-' || t, 'Default', 'Default',
         encode(sha256(convert_to('pgb-key-' || t, 'UTF8')), 'hex'), 'ak_live_pgb', 'abcd', c.scopes,
         'user', 'pgb@example.test', NULL, now(), NULL
    FROM generate_series(1, :tenants) t, (SELECT scopes FROM credential_registry LIMIT 1) c;
-- Their audit chain heads (the audit view keeps one per tenant).
INSERT INTO bench_audit_tenant (tenant_id, plan, last_sequence, last_hash, last_occurred_at)
  SELECT 'pgb-tenant-' || t, 'team', 0, repeat('0', 64), now() FROM generate_series(1, :tenants) t;
INSERT INTO bench_project_list (project_id, tenant_id, slug, name, created_at)
  VALUES ('pgb-project-1', 'pgb-tenant-1', 'default', 'Default', now());
-- The HTTP tenant's content, owned by pgb-tenant-1, and what it counts to.
INSERT INTO bench_content_blob SELECT 'pgb-tenant-1', sha256, size, data FROM content_blob
  ON CONFLICT DO NOTHING;
INSERT INTO bench_content_usage SELECT 'pgb-tenant-1', COALESCE(SUM(size), 0) FROM bench_content_blob
 WHERE tenant_id = 'pgb-tenant-1';
-- The other tenants' usage rows (the write scenario over many tenants counts each up).
INSERT INTO bench_content_usage SELECT 'pgb-tenant-' || t, 0 FROM generate_series(2, :tenants) t;

-- Synthetic artifacts: a head (copied from a real one) and the ArtifactCreated event of each.
INSERT INTO bench_artifact_heads
  SELECT 'pgb-artifact-' || n, 'pgb-tenant-1', 'pgb-project-1', h.title, 1, h.head_sha256, h.head_size,
         h.head_content_type, h.head_file_name, h.public_view, h.public_edit, h.viewer_emails,
         h.created_by_name, now(), now(), NULL
    FROM generate_series(1, :artifacts) n, (SELECT * FROM artifact_heads LIMIT 1) h;
INSERT INTO bench_domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
    time_stamp, aggregate_identifier, sequence_number, type)
  SELECT gen_random_uuid()::text, e.meta_data, e.payload, e.payload_revision, e.payload_type, now()::text,
         'pgb-artifact-' || n, 0, e.type
    FROM generate_series(1, :artifacts) n, bench_tpl_event e WHERE e.kind = 'artifact';

-- One token row per processor and pgbench client, with a real token's bytes.
INSERT INTO bench_token_entry (processor_name, segment, token, token_type, timestamp, owner)
  SELECT p.name, s, t.token, t.token_type, now()::text, 'pgbench'
    FROM unnest(ARRAY['artifact-heads', 'artifact-versions', 'audit-log', 'api-key-list']) p(name),
         generate_series(0, :segments - 1) s,
         (SELECT token, token_type FROM token_entry WHERE token IS NOT NULL LIMIT 1) t;

ANALYZE;
