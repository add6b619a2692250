-- OAuth clients (command-side lookup, written in the append's transaction by
-- OAuthClientRegistryProjection): what the token endpoint and bearer authentication read. Only the
-- SHA-256 of a confidential client's secret is kept.
CREATE TABLE oauth_client_registry (
    client_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    tenant_id          VARCHAR(64)   NOT NULL,
    name               VARCHAR(100)  NOT NULL,
    scopes             VARCHAR(1000) NOT NULL,
    grant_types        VARCHAR(200)  NOT NULL,
    redirect_uris      VARCHAR(20100) NOT NULL,
    secret_prefix      VARCHAR(16),
    secret_last4       VARCHAR(4),
    secret_sha256      CHAR(64),
    identity_type      VARCHAR(16)   NOT NULL,
    identity_name      VARCHAR(254)  NOT NULL,
    identity_agent_id  VARCHAR(64),
    disabled           BOOLEAN       NOT NULL,
    registered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_oauth_client_registry_tenant ON oauth_client_registry (tenant_id, registered_at);

-- Access tokens issued to OAuth clients: the server's working state, like sessions, not a view.
-- Tokens are signed JWTs and never stored; their ids (jti) are, so a revocation holds on every node
-- from the next request. Issue and revocation are events in the tenant's audit trail.
CREATE TABLE oauth_access_token (
    token_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id    VARCHAR(64)   NOT NULL,
    tenant_id    VARCHAR(64)   NOT NULL,
    scopes       VARCHAR(1000) NOT NULL,
    issued_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_oauth_access_token_expiry ON oauth_access_token (expires_at);

-- The key that signs access tokens, when none is configured: generated once, like the audit
-- signing key.
CREATE TABLE oauth_signing_key (
    key_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    private_jwk  VARCHAR(4000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
