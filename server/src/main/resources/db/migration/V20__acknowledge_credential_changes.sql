-- Each node records up to which credential change (credential_change_seq, PostgreSQL only) it has
-- dropped what it cached about keys, and when it last said so: a write that changed a key, its
-- agent, its member or its tenant is answered only once every node that said so in the last few
-- seconds has seen the change (auth.CredentialChanges, docs/architecture.md).
ALTER TABLE server_node ADD COLUMN credentials_seen BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE server_node ADD COLUMN credentials_heartbeat_at TIMESTAMP WITH TIME ZONE;
