-- The caller's project memberships, kept ready instead of aggregated on
-- every policy use.
--
-- Every membership policy asks app.my_project_ids(role), and PostgreSQL runs
-- it once per policy use: five times for one projects.list statement. Each
-- call aggregated the caller's project_members rows through two per-row
-- function calls (about 1.3-2.7 ms for a member of 200 projects). Now the
-- answer is kept per user in app.user_project_access, one row holding the
-- three arrays the policies ask for, and every call is one primary-key
-- lookup.
--
-- The arrays are written only by the trigger below, in the same transaction
-- as the membership change, so the next statement of that transaction (and
-- every transaction after its commit) sees the new memberships. Nothing the
-- application role can set feeds them: it has no right on the table, and
-- the functions read no setting but app.user_id, which already decides who
-- the caller is. Changes are applied as deltas (append, remove) so that two
-- transactions changing one user's memberships at once both land: under
-- READ COMMITTED the second UPDATE waits and re-applies its delta to the
-- committed row.
--
-- Policy texts are unchanged: only function bodies change.
CREATE TABLE app.user_project_access (
  user_id    uuid PRIMARY KEY REFERENCES public.users (id) ON DELETE CASCADE,
  -- every project the user is a member of (viewer or better)
  viewer_ids uuid[] NOT NULL DEFAULT '{}',
  -- editor or owner
  editor_ids uuid[] NOT NULL DEFAULT '{}',
  owner_ids  uuid[] NOT NULL DEFAULT '{}'
);
REVOKE ALL ON TABLE app.user_project_access FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE app.user_project_access TO fastnext_system;

-- Fills the table from project_members. The migration calls it once, and
-- it stays for repairs: it runs as the system role, which reads every
-- membership (the owner running migrations is bound by Row Level Security).
CREATE FUNCTION app.rebuild_user_project_access() RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    DELETE FROM app.user_project_access;
    INSERT INTO app.user_project_access (user_id, viewer_ids, editor_ids, owner_ids)
    SELECT m.user_id,
           array_agg(m.project_id),
           coalesce(array_agg(m.project_id) FILTER (WHERE m.role IN ('editor', 'owner')), '{}'),
           coalesce(array_agg(m.project_id) FILTER (WHERE m.role = 'owner'), '{}')
      FROM public.project_members m
     GROUP BY m.user_id;
  $$;

-- Keeps app.user_project_access in step with project_members, row by row
-- (cascaded deletes of a project or a user included).
CREATE FUNCTION app.sync_user_project_access() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE app.user_project_access a
         SET viewer_ids = array_remove(a.viewer_ids, OLD.project_id),
             editor_ids = array_remove(a.editor_ids, OLD.project_id),
             owner_ids = array_remove(a.owner_ids, OLD.project_id)
       WHERE a.user_id = OLD.user_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO app.user_project_access AS a (user_id, viewer_ids, editor_ids, owner_ids)
      VALUES (NEW.user_id, ARRAY[NEW.project_id],
              CASE WHEN NEW.role IN ('editor', 'owner') THEN ARRAY[NEW.project_id] ELSE '{}' END,
              CASE WHEN NEW.role = 'owner' THEN ARRAY[NEW.project_id] ELSE '{}' END)
      ON CONFLICT (user_id) DO UPDATE
        SET viewer_ids = a.viewer_ids || EXCLUDED.viewer_ids,
            editor_ids = a.editor_ids || EXCLUDED.editor_ids,
            owner_ids = a.owner_ids || EXCLUDED.owner_ids;
    END IF;
    RETURN NULL;
  END
  $$;

CREATE FUNCTION app.clear_user_project_access() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    DELETE FROM app.user_project_access;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER project_members_sync_access AFTER INSERT OR UPDATE OR DELETE ON "project_members"
  FOR EACH ROW EXECUTE FUNCTION app.sync_user_project_access();
CREATE TRIGGER project_members_clear_access AFTER TRUNCATE ON "project_members"
  FOR EACH STATEMENT EXECUTE FUNCTION app.clear_user_project_access();

-- Projects where the caller holds at least p_min_role: one index lookup.
-- PL/pgSQL keeps the lookup's plan for the session, where a SQL function
-- that cannot be inlined (SECURITY DEFINER) is planned again at each use.
CREATE OR REPLACE FUNCTION app.my_project_ids(p_min_role public.project_role) RETURNS uuid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  DECLARE
    ids uuid[];
  BEGIN
    SELECT CASE p_min_role WHEN 'viewer' THEN a.viewer_ids
                           WHEN 'editor' THEN a.editor_ids
                           WHEN 'owner' THEN a.owner_ids END
      INTO ids
      FROM app.user_project_access a
     WHERE a.user_id = app.current_user_id();
    RETURN coalesce(ids, '{}');
  END
  $$;

-- Users who share a project with the caller: the members of the caller's
-- projects, found through the primary key of project_members (PL/pgSQL for
-- the kept plan, as above).
CREATE OR REPLACE FUNCTION app.co_member_ids() RETURNS uuid[]
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    RETURN ARRAY(SELECT DISTINCT other.user_id FROM public.project_members other
                  WHERE other.project_id = ANY (app.my_project_ids('viewer')));
  END
  $$;

-- Open-instance counts (projects.list) read this index alone.
CREATE INDEX workflow_instances_open_by_project_idx ON public.workflow_instances (project_id)
  WHERE completed_at IS NULL;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.sync_user_project_access() OWNER TO fastnext_system;
ALTER FUNCTION app.clear_user_project_access() OWNER TO fastnext_system;
ALTER FUNCTION app.rebuild_user_project_access() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

SELECT app.rebuild_user_project_access();

REVOKE EXECUTE ON FUNCTION app.sync_user_project_access() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.clear_user_project_access() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.rebuild_user_project_access() FROM PUBLIC;
