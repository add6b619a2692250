-- The audit view becomes a hash chain per tenant (issue #4): every entry has its place in its
-- tenant's chain (sequence), the hash it chains from and its own hash. The audit view is a view,
-- so it is rebuilt rather than migrated: dropping the audit-log processor's tokens makes it replay
-- every event from the first on the next start, computing the chain.
DROP TABLE audit_log;
DELETE FROM token_entry WHERE processor_name = 'audit-log';

-- occurred_at never decreases along a tenant's chain (see docs/audit.md), so a time range is a
-- range of sequence numbers; every filter index ends in sequence and a page is one index range.
-- Entries are keyed by their event's id, not by a stream position: a tracking token's position is
-- only an estimate (an event that commits late is delivered with a later token's position).
CREATE TABLE audit_log (
    event_id             VARCHAR(255) NOT NULL PRIMARY KEY,
    tenant_id            VARCHAR(64)  NOT NULL,
    sequence             BIGINT       NOT NULL,
    previous_hash        CHAR(64)     NOT NULL,
    hash                 CHAR(64)     NOT NULL,
    occurred_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    action               VARCHAR(64)  NOT NULL,
    actor_type           VARCHAR(32)  NOT NULL,
    actor_id             VARCHAR(254) NOT NULL,
    actor_display_name   VARCHAR(300) NOT NULL,
    actor_key_id         VARCHAR(64),
    actor_key_name       VARCHAR(100),
    actor_identity_type  VARCHAR(16),
    actor_identity_name  VARCHAR(254),
    resource_type        VARCHAR(32)  NOT NULL,
    resource_id          VARCHAR(254) NOT NULL,
    request_id           VARCHAR(128),
    client_address       VARCHAR(64),
    user_agent           VARCHAR(512),
    details              VARCHAR(4000) NOT NULL,
    CONSTRAINT uq_audit_log_sequence UNIQUE (tenant_id, sequence)
);

CREATE INDEX ix_audit_log_key_name ON audit_log (tenant_id, actor_key_name, sequence);
CREATE INDEX ix_audit_log_key_id ON audit_log (tenant_id, actor_key_id, sequence);
CREATE INDEX ix_audit_log_action ON audit_log (tenant_id, action, sequence);
CREATE INDEX ix_audit_log_actor ON audit_log (tenant_id, actor_id, sequence);
CREATE INDEX ix_audit_log_actor_type ON audit_log (tenant_id, actor_type, sequence);
CREATE INDEX ix_audit_log_resource ON audit_log (tenant_id, resource_id, sequence);
CREATE INDEX ix_audit_log_resource_type ON audit_log (tenant_id, resource_type, sequence);
CREATE INDEX ix_audit_log_time ON audit_log (tenant_id, occurred_at);
-- The retention purge walks entries oldest first.
CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at);

-- Each tenant's chain head and plan as the audit view knows them: the chain continues from here
-- even when retention has removed every entry.
CREATE TABLE audit_tenant (
    tenant_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    plan              VARCHAR(32) NOT NULL,
    last_sequence     BIGINT      NOT NULL,
    last_hash         CHAR(64)    NOT NULL,
    last_occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Signed checkpoints, as issued: statements made at a time, not a view of the events, so they
-- are never rebuilt (a replay reproduces the same hashes, so they stay valid). Append-only.
CREATE TABLE audit_checkpoint (
    tenant_id  VARCHAR(64)   NOT NULL,
    number     BIGINT        NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    document   VARCHAR(4000) NOT NULL,
    digest     CHAR(64)      NOT NULL,
    CONSTRAINT pk_audit_checkpoint PRIMARY KEY (tenant_id, number)
);

-- The server's Ed25519 signing key when none is configured: generated once by the first node.
CREATE TABLE audit_signing_key (
    key_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    public_key   VARCHAR(200) NOT NULL,
    private_key  VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
