-- Events are facts: the database itself refuses to change or delete them (H2 runs a Java trigger).
CREATE TRIGGER domain_event_entry_is_append_only
    BEFORE UPDATE, DELETE ON domain_event_entry
    FOR EACH ROW CALL 'dev.artifacta.server.ops.ForbidEventChangesTrigger';
