-- The audit view's indexed text columns compare byte by byte (COLLATE "C"): every query on them is
-- an equality (filters end in sequence, pages order by sequence), which no collation changes, but
-- sorting and comparing under the database's locale (C.UTF-8, en_US...) goes through strcoll and
-- forgoes PostgreSQL's abbreviated keys. Building the view's indexes after a rebuild and keeping
-- them on every insert take measurably less with byte order (docs/benchmarks.md).
-- PostgreSQL only: H2 compares strings without a locale already. The copy a rebuild fills is created
-- LIKE the live table, so it inherits the collations.
ALTER TABLE audit_log
    ALTER COLUMN event_id TYPE VARCHAR(255) COLLATE "C",
    ALTER COLUMN tenant_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN action TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN actor_type TYPE VARCHAR(32) COLLATE "C",
    ALTER COLUMN actor_id TYPE VARCHAR(254) COLLATE "C",
    ALTER COLUMN actor_key_id TYPE VARCHAR(64) COLLATE "C",
    ALTER COLUMN actor_key_name TYPE VARCHAR(100) COLLATE "C",
    ALTER COLUMN resource_type TYPE VARCHAR(32) COLLATE "C",
    ALTER COLUMN resource_id TYPE VARCHAR(254) COLLATE "C";
ALTER TABLE audit_tenant
    ALTER COLUMN tenant_id TYPE VARCHAR(64) COLLATE "C";
