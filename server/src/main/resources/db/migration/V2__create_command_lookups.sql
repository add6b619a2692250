-- Lookup tables owned by the command side, written in the same transaction as the events.

CREATE TABLE tenant_registry (
    tenant_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    name         VARCHAR(63)  NOT NULL,
    owner_email  VARCHAR(254) NOT NULL,
    plan         VARCHAR(32)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_tenant_registry_name UNIQUE (name)
);

-- active_name is the key's name while it is active and NULL once revoked (or expired and
-- superseded): NULLs never collide, so the unique constraint keeps active names unique per tenant.
CREATE TABLE credential_registry (
    key_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id       VARCHAR(64)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    active_name     VARCHAR(100),
    secret_sha256   CHAR(64)     NOT NULL,
    prefix          VARCHAR(16)  NOT NULL,
    last4           CHAR(4)      NOT NULL,
    scopes          VARCHAR(1000) NOT NULL,
    identity_type   VARCHAR(16)  NOT NULL,
    identity_name   VARCHAR(254) NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_credential_registry_secret UNIQUE (secret_sha256),
    CONSTRAINT uq_credential_registry_active_name UNIQUE (tenant_id, active_name)
);

CREATE INDEX ix_credential_registry_tenant ON credential_registry (tenant_id);
