-- Authentication caches what a key's hash resolves to (the key, its tenant, the member or agent it
-- acts as) on each node. Every change to those rows, whatever code makes it, is announced here by
-- the database itself: one notification per changed tenant and statement on the channel
-- artifacta_credentials, payload '<sequence> <tenant id>' ('<sequence> *' for a TRUNCATE). Each
-- node listens, drops the tenant's entries, and records the sequence it has seen in server_node;
-- a write waits until every live node has seen the last sequence before it answers, so a revoked
-- key, a disabled agent or a removed member is refused by the next request on every node.
-- Insertions need no announcement: nothing cached depends on a row that did not exist.
CREATE SEQUENCE credential_change_seq;

CREATE FUNCTION announce_credential_changes() RETURNS trigger AS $$
DECLARE
    changed text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('artifacta_credentials', nextval('credential_change_seq') || ' *');
        RETURN NULL;
    END IF;
    FOR changed IN SELECT DISTINCT tenant_id FROM changed_rows LOOP
        PERFORM pg_notify('artifacta_credentials', nextval('credential_change_seq') || ' ' || changed);
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER announce_credential_updates AFTER UPDATE ON credential_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_credential_deletes AFTER DELETE ON credential_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_credential_truncates AFTER TRUNCATE ON credential_registry
    FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();

CREATE TRIGGER announce_tenant_updates AFTER UPDATE ON tenant_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_tenant_deletes AFTER DELETE ON tenant_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_tenant_truncates AFTER TRUNCATE ON tenant_registry
    FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();

CREATE TRIGGER announce_agent_updates AFTER UPDATE ON agent_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_agent_deletes AFTER DELETE ON agent_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_agent_truncates AFTER TRUNCATE ON agent_registry
    FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();

CREATE TRIGGER announce_member_updates AFTER UPDATE ON member_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_member_deletes AFTER DELETE ON member_registry
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
CREATE TRIGGER announce_member_truncates AFTER TRUNCATE ON member_registry
    FOR EACH STATEMENT EXECUTE FUNCTION announce_credential_changes();
