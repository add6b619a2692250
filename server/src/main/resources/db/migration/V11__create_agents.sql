-- Agents are identities of their own (ApiKeyCreated revision 2 names the agent a key acts as by id).

-- The command side's agent lookup table, written in the append's transaction: authentication reads
-- an agent key's agent (name, role, disabled) from here on every request.
CREATE TABLE agent_registry (
    agent_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(64)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    disabled      BOOLEAN      NOT NULL,
    sponsor_id    VARCHAR(254) NOT NULL,
    sponsor_name  VARCHAR(300),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_agent_registry_name UNIQUE (tenant_id, name)
);

-- The agent a key acts as. Keys of revision 1 that named an agent by name get theirs from the
-- start-up step that creates those agents (LegacyAgents), which also fills this column.
ALTER TABLE credential_registry ADD COLUMN identity_agent_id VARCHAR(64);

-- The key list shows the agent by id too. Its rows are rebuilt from the events (read through the
-- upcaster), so the view is emptied and its processor starts again from the first event.
ALTER TABLE api_key_list ADD COLUMN identity_agent_id VARCHAR(64);
DELETE FROM api_key_list;
DELETE FROM token_entry WHERE processor_name = 'api-key-list';
