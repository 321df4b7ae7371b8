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
-- The counts are written only by the row triggers below, in the same
-- transaction as the change they count (the next statement sees them, a
-- rollback takes them back). Each change is applied as a delta (count =
-- count + 1): under READ COMMITTED a second writer of the same project
-- waits for the first one's row lock and adds its delta to the committed
-- row, so concurrent changes all land. The triggers fire only for changes
-- that move a count (WHEN clauses): a transition that leaves an instance
-- open, or a role change, neither runs them nor locks anything. The price:
-- every instance started, completed, reopened or deleted and every
-- membership added or removed takes a row lock on its project's counters
-- until commit, so writers of one project queue behind each other for that
-- row (writers of different projects do not); measured on the bench data
-- set, about 0.05-0.15 ms more per such statement. A transaction that
-- changes several projects locks their counters in the order of its rows,
-- so two such transactions working on the same projects in opposite orders
-- can deadlock (PostgreSQL then aborts one, 40P01); the application's
-- writes touch one project per transaction. Statement triggers that lock in
-- project order were tried: 2-3x the cost per single-row write.
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

-- A new project starts with zero of each.
CREATE FUNCTION app.create_project_counters() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    INSERT INTO public.project_counters (project_id) VALUES (NEW.id);
    RETURN NULL;
  END
  $$;

-- A membership counts while it exists: -1 for the project it leaves
-- (deleted, or moved by an UPDATE), +1 for the one it joins. A project
-- deleted in the same transaction has lost its counters with it: the
-- UPDATE finds no row and does nothing.
CREATE FUNCTION app.count_project_member() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      UPDATE public.project_counters c SET member_count = c.member_count - 1
       WHERE c.project_id = OLD.project_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      UPDATE public.project_counters c SET member_count = c.member_count + 1
       WHERE c.project_id = NEW.project_id;
    END IF;
    RETURN NULL;
  END
  $$;

-- An instance counts while it is open (completed_at IS NULL): -1 when an
-- open one is completed or deleted, +1 when one is started open or
-- reopened. The triggers' WHEN clauses call this only for those changes.
CREATE FUNCTION app.count_open_instance() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.completed_at IS NULL THEN
      UPDATE public.project_counters c SET open_instance_count = c.open_instance_count - 1
       WHERE c.project_id = OLD.project_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.completed_at IS NULL THEN
      UPDATE public.project_counters c SET open_instance_count = c.open_instance_count + 1
       WHERE c.project_id = NEW.project_id;
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
  FOR EACH ROW EXECUTE FUNCTION app.create_project_counters();

CREATE TRIGGER project_members_count_insert AFTER INSERT ON "project_members"
  FOR EACH ROW EXECUTE FUNCTION app.count_project_member();
CREATE TRIGGER project_members_count_update AFTER UPDATE ON "project_members"
  FOR EACH ROW WHEN (OLD."project_id" IS DISTINCT FROM NEW."project_id")
  EXECUTE FUNCTION app.count_project_member();
CREATE TRIGGER project_members_count_delete AFTER DELETE ON "project_members"
  FOR EACH ROW EXECUTE FUNCTION app.count_project_member();
CREATE TRIGGER project_members_count_truncate AFTER TRUNCATE ON "project_members"
  FOR EACH STATEMENT EXECUTE FUNCTION app.clear_project_counts();

CREATE TRIGGER workflow_instances_count_insert AFTER INSERT ON "workflow_instances"
  FOR EACH ROW WHEN (NEW."completed_at" IS NULL)
  EXECUTE FUNCTION app.count_open_instance();
-- A row's project never changes (workflow_instances_check_update refuses it).
CREATE TRIGGER workflow_instances_count_update AFTER UPDATE ON "workflow_instances"
  FOR EACH ROW WHEN ((OLD."completed_at" IS NULL) IS DISTINCT FROM (NEW."completed_at" IS NULL))
  EXECUTE FUNCTION app.count_open_instance();
CREATE TRIGGER workflow_instances_count_delete AFTER DELETE ON "workflow_instances"
  FOR EACH ROW WHEN (OLD."completed_at" IS NULL)
  EXECUTE FUNCTION app.count_open_instance();
CREATE TRIGGER workflow_instances_count_truncate AFTER TRUNCATE ON "workflow_instances"
  FOR EACH STATEMENT EXECUTE FUNCTION app.clear_project_counts();

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.create_project_counters() OWNER TO fastnext_system;
ALTER FUNCTION app.count_project_member() OWNER TO fastnext_system;
ALTER FUNCTION app.count_open_instance() OWNER TO fastnext_system;
ALTER FUNCTION app.clear_project_counts() OWNER TO fastnext_system;
ALTER FUNCTION app.rebuild_project_counters() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

SELECT app.rebuild_project_counters();

REVOKE EXECUTE ON FUNCTION app.create_project_counters() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.count_project_member() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.count_open_instance() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.clear_project_counts() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.rebuild_project_counters() FROM PUBLIC;
