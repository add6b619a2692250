-- The agent-list view (AgentListProjection): every agent with its role, status and sponsor.
CREATE TABLE agent_list (
    agent_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    description   VARCHAR(500),
    role          VARCHAR(16)  NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    sponsor_id    VARCHAR(254) NOT NULL,
    sponsor_name  VARCHAR(300),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_agent_list_tenant_created ON agent_list (tenant_id, created_at);
