-- Every statement on a tenant's keys has a better index than this one: the unique (tenant_id,
-- active_name) for a name, the unrevoked keys by expiry (V25) for the active ones, and either for
-- the tenant alone. Kept, it was the plan PostgreSQL chose for the name's count and release when it
-- planned them on a small table without statistics (a new database, or autovacuum off), and the
-- connection kept that plan: each key creation then read every key the tenant ever had
-- (KeyCreationPlansIT).
DROP INDEX ix_credential_registry_tenant;
