-- pgbench: GET /v1/artifacts/{id} with an API key, as the server's primary-key lookups (each its
-- own autocommit statement, as the server's reads are): the credential by its SHA-256 joined with
-- its tenant (ApiKeyAuthenticationFilter), the artifact head by id (ArtifactGuard), the project's
-- slug by id (ArtifactsController.slugOf). Variables: artifacts (-D).
\set n random(1, :artifacts)
SELECT c.key_id, c.name AS key_name, c.prefix, c.last4, c.scopes, c.identity_type, c.identity_name,
       c.expires_at, c.revoked_at, t.tenant_id, t.name AS tenant_name, t.plan, t.owner_email
  FROM bench_credential_registry c JOIN bench_tenant_registry t ON t.tenant_id = c.tenant_id
 WHERE c.secret_sha256 = encode(sha256(convert_to('pgb-key-1', 'UTF8')), 'hex')::char(64);
SELECT * FROM bench_artifact_heads WHERE artifact_id = 'pgb-artifact-' || :n::text;
SELECT * FROM bench_project_list WHERE project_id = 'pgb-project-1';
