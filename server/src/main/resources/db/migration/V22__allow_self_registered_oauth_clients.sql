-- Dynamic client registration (RFC 7591). Whether a workspace lets its members approve clients that
-- registered themselves: off until an owner or admin turns it on (TenantClientRegistrationChanged).
ALTER TABLE tenant_registry ADD COLUMN client_registration BOOLEAN NOT NULL DEFAULT FALSE;

-- Clients that registered themselves at /oauth/register and belong to no workspace yet: the first
-- person who approves one in a workspace that allows it registers it there (an OAuthClientRegistered
-- event in that tenant, attributed to them) and the row goes. Public clients only (no secret), so
-- nothing here is secret. Unbound rows are deleted after artifacta.oauth.unbound-client-lifetime.
CREATE TABLE oauth_pending_client (
    client_id      VARCHAR(64)    NOT NULL PRIMARY KEY,
    name           VARCHAR(100)   NOT NULL,
    scopes         VARCHAR(1000)  NOT NULL,
    grant_types    VARCHAR(200)   NOT NULL,
    redirect_uris  VARCHAR(20100) NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_oauth_pending_client_registered ON oauth_pending_client (registered_at);
