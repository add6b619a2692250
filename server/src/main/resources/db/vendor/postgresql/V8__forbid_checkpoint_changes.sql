-- Issued checkpoints are statements already handed out: the database refuses to change them.
CREATE TRIGGER audit_checkpoint_is_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION forbid_event_changes();

CREATE TRIGGER audit_checkpoint_is_never_truncated
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_event_changes();
