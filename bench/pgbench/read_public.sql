-- pgbench: GET /v1/artifacts/{id} of a public artifact without a key, as the server's primary-key
-- lookups: the artifact head by id (ArtifactGuard), the project's slug by id (slugOf).
-- Variables: artifacts (-D).
\set n random(1, :artifacts)
SELECT * FROM bench_artifact_heads WHERE artifact_id = 'pgb-artifact-' || :n::text;
SELECT * FROM bench_project_list WHERE project_id = 'pgb-project-1';
