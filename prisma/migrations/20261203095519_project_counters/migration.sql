-- Per-project counts for projects.list, kept by triggers instead of counted
-- on every page.
--
-- projects.list showed each project's member and open-instance counts as
-- correlated count(*) subqueries: about 3,100 index entries per page of 50
-- for a member of 200 projects, each checked by the policies of
-- project_members and workflow_instances against the caller's array of
-- projects. Now each project has one row of counts, read with the page, so
-- the policy runs once per project.
--
-- The counts are written only by the statement triggers below, in the same
-- transaction as the change they count (the next statement sees them, a
-- rollback takes them back). Each statement applies its net change per
-- project as a delta (count = count + n): under READ COMMITTED a second
-- writer of the same project waits for the first one's row lock and adds its
-- delta to the committed row, so concurrent changes all land. Projects are
-- updated in project_id order within a statement, so two statements that
-- touch the same projects lock them in the same order and cannot deadlock
-- each other. The price: a row lock on the project's counters, held until
-- commit, by every instance started, completed or deleted and every
-- membership added or removed (writers of one project queue behind each
-- other for that row; writers of different projects do not).
--
-- A project's id cannot change while its counters refer to it (the foreign
-- key does not cascade updates): moving the counts along with the rows of a
-- cascaded id change cannot be told apart from a real move.

-- CreateTable
CREATE TABLE "project_counters" (
    "project_id" UUID NOT NULL,
    "member_count" INTEGER NOT NULL DEFAULT 0,
    "open_instance_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "project_counters_pkey" PRIMARY KEY ("project_id")
);

-- AddForeignKey
ALTER TABLE "project_counters" ADD CONSTRAINT "project_counters_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- Access of "project_counters", rendered from packages/db/src/policies/tables/project_counters.ts
-- (pnpm db:policy:sql project_counters). Change the declaration, then render again.
GRANT SELECT ON TABLE "project_counters" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "project_counters" TO "fastnext_system";
ALTER TABLE "project_counters" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_counters" FORCE ROW LEVEL SECURITY;
CREATE POLICY "project_counters_select" ON "project_counters"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')));

-- Adds per-project deltas, in project_id order (see above). A project
-- deleted in the same transaction has lost its counters with it: the UPDATE
-- finds no row and does nothing.
CREATE FUNCTION app.add_project_counts(p_project_ids uuid[], p_members int[], p_open int[])
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  DECLARE
    d record;
  BEGIN
    FOR d IN
      SELECT t.project_id, t.members, t.open
        FROM unnest(p_project_ids, p_members, p_open) AS t(project_id, members, open)
       ORDER BY t.project_id
    LOOP
      UPDATE public.project_counters c
         SET member_count = c.member_count + d.members,
             open_instance_count = c.open_instance_count + d.open
       WHERE c.project_id = d.project_id;
    END LOOP;
  END
  $$;

-- A new project starts with zero of each.
CREATE FUNCTION app.create_project_counters() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    INSERT INTO public.project_counters (project_id)
    SELECT n.id FROM new_rows n ORDER BY n.id;
    RETURN NULL;
  END
  $$;

-- Membership changes: +1 per row added, -1 per row removed, per project
-- (an UPDATE that moves a membership to another project counts as both; a
-- role change nets to nothing and locks nothing).
CREATE FUNCTION app.count_project_members() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  DECLARE
    ids uuid[];
    deltas int[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(project_id), array_agg(n) INTO ids, deltas
        FROM (SELECT project_id, count(*)::int AS n FROM new_rows GROUP BY project_id) s;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(project_id), array_agg(-n) INTO ids, deltas
        FROM (SELECT project_id, count(*)::int AS n FROM old_rows GROUP BY project_id) s;
    ELSE
      SELECT array_agg(project_id), array_agg(n) INTO ids, deltas
        FROM (SELECT project_id, sum(n)::int AS n
                FROM (SELECT project_id, 1 AS n FROM new_rows
                      UNION ALL SELECT project_id, -1 FROM old_rows) moved
               GROUP BY project_id HAVING sum(n) <> 0) s;
    END IF;
    IF ids IS NOT NULL THEN
      PERFORM app.add_project_counts(ids, deltas, array_fill(0, ARRAY[cardinality(ids)]));
    END IF;
    RETURN NULL;
  END
  $$;

-- Instance changes: an instance is open while completed_at is NULL; +1 per
-- open row added or reopened, -1 per open row completed or removed (a
-- transition that leaves it open nets to nothing and locks nothing).
CREATE FUNCTION app.count_open_instances() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  DECLARE
    ids uuid[];
    deltas int[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(project_id), array_agg(n) INTO ids, deltas
        FROM (SELECT project_id, count(*)::int AS n FROM new_rows
               WHERE completed_at IS NULL GROUP BY project_id) s;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(project_id), array_agg(-n) INTO ids, deltas
        FROM (SELECT project_id, count(*)::int AS n FROM old_rows
               WHERE completed_at IS NULL GROUP BY project_id) s;
    ELSE
      SELECT array_agg(project_id), array_agg(n) INTO ids, deltas
        FROM (SELECT project_id, sum(n)::int AS n
                FROM (SELECT project_id, 1 AS n FROM new_rows WHERE completed_at IS NULL
                      UNION ALL
                      SELECT project_id, -1 FROM old_rows WHERE completed_at IS NULL) changed
               GROUP BY project_id HAVING sum(n) <> 0) s;
    END IF;
    IF ids IS NOT NULL THEN
      PERFORM app.add_project_counts(ids, array_fill(0, ARRAY[cardinality(ids)]), deltas);
    END IF;
    RETURN NULL;
  END
  $$;

-- TRUNCATE (the owner's only: no application role may) empties what it
-- counted.
CREATE FUNCTION app.clear_project_counts() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF TG_TABLE_NAME = 'project_members' THEN
      UPDATE public.project_counters SET member_count = 0;
    ELSE
      UPDATE public.project_counters SET open_instance_count = 0;
    END IF;
    RETURN NULL;
  END
  $$;

-- Recounts every project from the rows. The migration calls it once, and it
-- stays for repairs (it runs as the system role, which reads every row).
-- Concurrent writers are held off by locking the counted tables first, so
-- no change lands between the count and the write.
CREATE FUNCTION app.rebuild_project_counters() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    LOCK TABLE public.projects, public.project_members, public.workflow_instances IN SHARE MODE;
    DELETE FROM public.project_counters;
    INSERT INTO public.project_counters (project_id, member_count, open_instance_count)
    SELECT p.id,
           (SELECT count(*) FROM public.project_members m WHERE m.project_id = p.id),
           (SELECT count(*) FROM public.workflow_instances i
             WHERE i.project_id = p.id AND i.completed_at IS NULL)
      FROM public.projects p;
  END
  $$;

CREATE TRIGGER projects_create_counters AFTER INSERT ON "projects"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.create_project_counters();

CREATE TRIGGER project_members_count_insert AFTER INSERT ON "project_members"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.count_project_members();
CREATE TRIGGER project_members_count_update AFTER UPDATE ON "project_members"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.count_project_members();
CREATE TRIGGER project_members_count_delete AFTER DELETE ON "project_members"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.count_project_members();
CREATE TRIGGER project_members_count_truncate AFTER TRUNCATE ON "project_members"
  FOR EACH STATEMENT EXECUTE FUNCTION app.clear_project_counts();

CREATE TRIGGER workflow_instances_count_insert AFTER INSERT ON "workflow_instances"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.count_open_instances();
CREATE TRIGGER workflow_instances_count_update AFTER UPDATE ON "workflow_instances"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.count_open_instances();
CREATE TRIGGER workflow_instances_count_delete AFTER DELETE ON "workflow_instances"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION app.count_open_instances();
CREATE TRIGGER workflow_instances_count_truncate AFTER TRUNCATE ON "workflow_instances"
  FOR EACH STATEMENT EXECUTE FUNCTION app.clear_project_counts();

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.add_project_counts(uuid[], int[], int[]) OWNER TO fastnext_system;
ALTER FUNCTION app.create_project_counters() OWNER TO fastnext_system;
ALTER FUNCTION app.count_project_members() OWNER TO fastnext_system;
ALTER FUNCTION app.count_open_instances() OWNER TO fastnext_system;
ALTER FUNCTION app.clear_project_counts() OWNER TO fastnext_system;
ALTER FUNCTION app.rebuild_project_counters() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

SELECT app.rebuild_project_counters();

REVOKE EXECUTE ON FUNCTION app.add_project_counts(uuid[], int[], int[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.create_project_counters() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.count_project_members() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.count_open_instances() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.clear_project_counts() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.rebuild_project_counters() FROM PUBLIC;
