-- Issued checkpoints are statements already handed out: the database refuses to change them.
CREATE TRIGGER audit_checkpoint_is_append_only
    BEFORE UPDATE, DELETE ON audit_checkpoint
    FOR EACH ROW CALL 'dev.artifacta.server.ops.ForbidEventChangesTrigger';
