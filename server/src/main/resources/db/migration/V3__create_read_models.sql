-- Read models built by the query side's streaming projections. Each can be dropped and rebuilt
-- from the events.

CREATE TABLE api_key_list (
    key_id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(64)  NOT NULL,
    name             VARCHAR(100) NOT NULL,
    description      VARCHAR(500),
    prefix           VARCHAR(16)  NOT NULL,
    last4            CHAR(4)      NOT NULL,
    scopes           VARCHAR(1000) NOT NULL,
    identity_type    VARCHAR(16)  NOT NULL,
    identity_name    VARCHAR(254) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by_type  VARCHAR(32)  NOT NULL,
    created_by_id    VARCHAR(254) NOT NULL,
    created_by_name  VARCHAR(300) NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE,
    revoked_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_api_key_list_tenant_created ON api_key_list (tenant_id, created_at);

-- One entry per event. global_index is the event's position in the store: it orders entries and
-- anchors cursors. occurred_at serves time filters and the per-plan retention purge.
CREATE TABLE audit_log (
    global_index         BIGINT       NOT NULL PRIMARY KEY,
    event_id             VARCHAR(255) NOT NULL,
    tenant_id            VARCHAR(64)  NOT NULL,
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
    CONSTRAINT uq_audit_log_event UNIQUE (event_id)
);

CREATE INDEX ix_audit_log_tenant_position ON audit_log (tenant_id, global_index);
CREATE INDEX ix_audit_log_tenant_key_name ON audit_log (tenant_id, actor_key_name, global_index);
CREATE INDEX ix_audit_log_tenant_key_id ON audit_log (tenant_id, actor_key_id, global_index);
CREATE INDEX ix_audit_log_tenant_action ON audit_log (tenant_id, action, global_index);
CREATE INDEX ix_audit_log_tenant_time ON audit_log (tenant_id, occurred_at);
