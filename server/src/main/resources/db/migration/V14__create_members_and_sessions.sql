-- Workspace members and invitations (command-side lookups, written in the append's transaction by
-- MemberRegistryProjection). Tenants created before members existed get their owner's row from the
-- start-up step LegacyMembers, the same row the projection makes from TenantCreated.
CREATE TABLE member_registry (
    membership_id  VARCHAR(130) NOT NULL PRIMARY KEY, -- <tenant_id>:<user_id>
    tenant_id      VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(64)  NOT NULL,
    email          VARCHAR(254) NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    joined_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_member_registry_user ON member_registry (user_id);
CREATE INDEX ix_member_registry_tenant_email ON member_registry (tenant_id, email);

CREATE TABLE invitation_registry (
    invitation_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id      VARCHAR(64)  NOT NULL,
    email          VARCHAR(254) NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    invited_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_invitation_registry_email ON invitation_registry (email);

-- The member-list view (MemberListProjection): members and pending invitations of each workspace.
CREATE TABLE member_list (
    entry_id       VARCHAR(130) NOT NULL PRIMARY KEY, -- <tenant_id>:<user_id> or the invitation id
    tenant_id      VARCHAR(64)  NOT NULL,
    kind           VARCHAR(16)  NOT NULL, -- member | invitation
    user_id        VARCHAR(64),
    invitation_id  VARCHAR(64),
    email          VARCHAR(254) NOT NULL,
    display_name   VARCHAR(300),
    role           VARCHAR(16)  NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE,
    since          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_member_list_tenant ON member_list (tenant_id, kind, email);

-- Sessions of signed-in people: the server's working state, like the usage counters, not a view.
-- Only the SHA-256 of the session's secret is kept; sign-in, sign-out and expiry are events.
CREATE TABLE user_session (
    session_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_sha256         CHAR(64)     NOT NULL,
    tenant_id            VARCHAR(64)  NOT NULL,
    user_id              VARCHAR(64)  NOT NULL,
    email                VARCHAR(254) NOT NULL,
    display_name         VARCHAR(300) NOT NULL,
    issuer               VARCHAR(500) NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    absolute_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at             TIMESTAMP WITH TIME ZONE,
    end_reason           VARCHAR(16),
    CONSTRAINT uq_user_session_token UNIQUE (token_sha256)
);

-- Sign-ins under way: the browser holds the state (in a cookie and the provider's redirect); the
-- server keeps the nonce and PKCE verifier for it until the callback uses them once.
CREATE TABLE sign_in_attempt (
    state_sha256   CHAR(64)      NOT NULL PRIMARY KEY,
    nonce          VARCHAR(100)  NOT NULL,
    code_verifier  VARCHAR(200)  NOT NULL,
    workspace      VARCHAR(63),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
