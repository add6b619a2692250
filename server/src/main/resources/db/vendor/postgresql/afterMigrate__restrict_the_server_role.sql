-- Runs after every migration (idempotent), as the migration role. When the server connects as a
-- role of its own (ARTIFACTA_DB_MIGRATION_USER set), that role may append events but never change
-- them: the event store belongs to the migration role, and the server is granted only
--   domain_event_entry     SELECT, INSERT            (no UPDATE, DELETE, TRUNCATE, TRIGGER, ALTER)
--   audit_checkpoint       SELECT, INSERT            (issued checkpoints are append-only too)
--   snapshot_event_entry   SELECT, INSERT, DELETE    (a cache: Axon deletes the older snapshots of an
--                                                     aggregate when it stores a new one; deleting
--                                                     one only makes the next load read more events)
--   flyway_schema_history  nothing
-- Every other table (views, lookups, tokens, counters) is derived from the events or is the
-- server's working state; the server owns those, because a rebuild moves a view's tables between
-- schemas (ALTER TABLE ... SET SCHEMA needs the owner). Tables a later migration creates are handed
-- over here too. The migration role must be a member of the server's role for that
-- (GRANT <server role> TO <migration role>) and must own the database: the owner of the database
-- owns the schema public, and the owner of a schema can drop everything in it.
-- With one role for both (the default), there is nothing to separate.
DO $$
DECLARE
    server_role CONSTANT name := '${server_role}';
    guarded CONSTANT name[] := ARRAY['domain_event_entry', 'audit_checkpoint', 'snapshot_event_entry',
                                     'flyway_schema_history'];
    database_owner name;
    guarded_table name;
    other record;
BEGIN
    IF server_role = '' OR server_role = current_user THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = server_role) THEN
        RAISE EXCEPTION 'the server''s database role % does not exist', server_role;
    END IF;
    SELECT pg_get_userbyid(datdba) INTO database_owner FROM pg_database WHERE datname = current_database();
    IF pg_has_role(server_role, database_owner, 'MEMBER') THEN
        RAISE EXCEPTION 'database % is owned by %, which the server''s role % acts as: it could drop the schema'
            ' with the events in it. Run ALTER DATABASE % OWNER TO % first.',
            current_database(), database_owner, server_role, current_database(), current_user;
    END IF;

    -- A database first migrated by the server's role (one role for both) has the event store owned by
    -- it: take it back, with the trigger function that guards it.
    FOREACH guarded_table IN ARRAY guarded LOOP
        IF EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = guarded_table
                   AND tableowner <> current_user) THEN
            EXECUTE format('ALTER TABLE public.%I OWNER TO CURRENT_USER', guarded_table);
        END IF;
        EXECUTE format('REVOKE ALL ON TABLE public.%I FROM %I', guarded_table, server_role);
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'forbid_event_changes'
               AND pg_get_userbyid(proowner) <> current_user) THEN
        ALTER FUNCTION public.forbid_event_changes() OWNER TO CURRENT_USER;
    END IF;
    EXECUTE format('GRANT SELECT, INSERT ON TABLE public.domain_event_entry, public.audit_checkpoint TO %I',
                   server_role);
    EXECUTE format('GRANT SELECT, INSERT, DELETE ON TABLE public.snapshot_event_entry TO %I', server_role);

    -- Rebuilds create a schema per copy and move the finished copy into public (and a new owner
    -- needs CREATE on the table's schema).
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA public TO %I', server_role);
    EXECUTE format('GRANT CONNECT, TEMPORARY, CREATE ON DATABASE %I TO %I', current_database(), server_role);
    -- The announcement of credential changes (V23) draws numbers the server reads back.
    IF EXISTS (SELECT 1 FROM pg_class WHERE relname = 'credential_change_seq' AND relkind = 'S') THEN
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE public.credential_change_seq TO %I', server_role);
    END IF;
    FOR other IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           AND NOT (c.relname = ANY (guarded)) AND pg_get_userbyid(c.relowner) <> server_role
    LOOP
        EXECUTE format('ALTER TABLE public.%I OWNER TO %I', other.relname, server_role);
    END LOOP;
END
$$;
