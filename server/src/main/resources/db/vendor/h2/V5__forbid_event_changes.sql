-- Events are facts: the database itself refuses to change or delete them (H2 runs a Java trigger).
CREATE TRIGGER domain_event_entry_is_append_only
    BEFORE UPDATE, DELETE ON domain_event_entry
    FOR EACH ROW CALL 'dev.artifacta.server.ops.ForbidEventChangesTrigger';

-- H2 fires no trigger on TRUNCATE, but refuses to truncate a table that a foreign key references.
CREATE TABLE event_store_truncate_guard (
    global_index BIGINT,
    CONSTRAINT fk_event_store_truncate_guard FOREIGN KEY (global_index) REFERENCES domain_event_entry (global_index)
);
