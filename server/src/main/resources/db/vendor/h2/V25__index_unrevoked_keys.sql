-- The count of a tenant's active keys reads the keys by expiry (PostgreSQL's index is partial,
-- on the keys not revoked; H2 has no partial indexes).
CREATE INDEX ix_credential_registry_unrevoked ON credential_registry (tenant_id, expires_at);
