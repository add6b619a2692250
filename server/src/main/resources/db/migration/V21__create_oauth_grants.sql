-- The authorization-code grant (with PKCE) and its refresh tokens: the server's working state, like
-- sessions and access tokens, not a view. Codes and refresh tokens are kept only as their SHA-256.
-- A grant is one consent of one person to one client: its code, its refresh tokens (one family,
-- rotated on use) and the access tokens issued from them share its grant_id, so a reused code or
-- a reused refresh token revokes them all.

-- The person an access token acts for, when it came from their consent (null: the client's
-- registering member, the client-credentials grant), and the grant it belongs to.
ALTER TABLE oauth_access_token ADD COLUMN acting_for_user_id VARCHAR(64);
ALTER TABLE oauth_access_token ADD COLUMN grant_id VARCHAR(64);
CREATE INDEX ix_oauth_access_token_grant ON oauth_access_token (grant_id);

CREATE TABLE oauth_authorization_code (
    code_sha256      CHAR(64)      NOT NULL PRIMARY KEY,
    grant_id         VARCHAR(64)   NOT NULL,
    client_id        VARCHAR(64)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    scopes           VARCHAR(1000) NOT NULL,
    redirect_uri     VARCHAR(2000) NOT NULL,
    code_challenge   VARCHAR(128)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at          TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_oauth_authorization_code_expiry ON oauth_authorization_code (expires_at);

CREATE TABLE oauth_refresh_token (
    token_sha256     CHAR(64)      NOT NULL PRIMARY KEY,
    grant_id         VARCHAR(64)   NOT NULL,
    client_id        VARCHAR(64)   NOT NULL,
    tenant_id        VARCHAR(64)   NOT NULL,
    user_id          VARCHAR(64)   NOT NULL,
    scopes           VARCHAR(1000) NOT NULL,
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at       TIMESTAMP WITH TIME ZONE,
    revoked_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_oauth_refresh_token_grant ON oauth_refresh_token (grant_id);
CREATE INDEX ix_oauth_refresh_token_expiry ON oauth_refresh_token (expires_at);
