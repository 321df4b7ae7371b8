-- Projects with members, and the workflow engine's tables.
--
-- Visibility rules, enforced here and again in the services:
--   private projects: members only
--   internal projects: every signed-in user may view, members change
--   project.read_all / project.manage_all: every project
-- Membership policies use the measured fast shape
-- `col = ANY((SELECT app.my_project_ids(...))::uuid[])`: the array is computed once
-- per statement by a definer function (a policy cannot query its own table).

-- CreateEnum
CREATE TYPE "project_visibility" AS ENUM ('private', 'internal');

-- CreateEnum
CREATE TYPE "project_role" AS ENUM ('owner', 'editor', 'viewer');

-- CreateEnum
CREATE TYPE "template_status" AS ENUM ('draft', 'published', 'archived');

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "visibility" "project_visibility" NOT NULL DEFAULT 'private',
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_members" (
    "project_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "project_role" NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_by_id" UUID,

    CONSTRAINT "project_members_pkey" PRIMARY KEY ("project_id","user_id")
);

-- CreateTable
CREATE TABLE "workflow_types" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_templates" (
    "id" UUID NOT NULL,
    "type_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" "template_status" NOT NULL DEFAULT 'draft',
    "definition" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_instances" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "assignee_id" UUID,
    "state_entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workflow_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_history" (
    "id" UUID NOT NULL,
    "instance_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "transition_key" TEXT,
    "from_state" TEXT,
    "to_state" TEXT NOT NULL,
    "actor_id" UUID,
    "comment" TEXT,
    "idempotency_key" TEXT,
    "result" JSONB,
    "version_after" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "projects_created_at_id_idx" ON "projects"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "projects_visibility_idx" ON "projects"("visibility");

-- CreateIndex
CREATE INDEX "project_members_user_id_project_id_idx" ON "project_members"("user_id", "project_id");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_types_key_key" ON "workflow_types"("key");

-- CreateIndex
CREATE INDEX "workflow_templates_type_id_idx" ON "workflow_templates"("type_id");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_templates_key_version_key" ON "workflow_templates"("key", "version");

-- CreateIndex
CREATE INDEX "workflow_instances_project_id_created_at_id_idx" ON "workflow_instances"("project_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflow_instances_template_id_state_idx" ON "workflow_instances"("template_id", "state");

-- CreateIndex
CREATE INDEX "workflow_instances_assignee_id_idx" ON "workflow_instances"("assignee_id");

-- CreateIndex
CREATE INDEX "workflow_instances_completed_at_state_entered_at_idx" ON "workflow_instances"("completed_at", "state_entered_at");

-- CreateIndex
CREATE INDEX "workflow_history_instance_id_created_at_idx" ON "workflow_history"("instance_id", "created_at");

-- CreateIndex
CREATE INDEX "workflow_history_project_id_idx" ON "workflow_history"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_history_instance_id_idempotency_key_key" ON "workflow_history"("instance_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_templates" ADD CONSTRAINT "workflow_templates_type_id_fkey" FOREIGN KEY ("type_id") REFERENCES "workflow_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_instances" ADD CONSTRAINT "workflow_instances_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "workflow_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_history" ADD CONSTRAINT "workflow_history_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "workflow_instances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Membership helpers (owned by fastnext_system, fixed search_path)
-- ---------------------------------------------------------------------------
CREATE FUNCTION app.role_rank(p_role public.project_role) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path = pg_catalog
  AS $$ SELECT CASE p_role WHEN 'viewer' THEN 1 WHEN 'editor' THEN 2 WHEN 'owner' THEN 3 END $$;

-- Projects where the caller holds at least p_min_role.
CREATE FUNCTION app.my_project_ids(p_min_role public.project_role) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT coalesce(array_agg(m.project_id), '{}')
      FROM public.project_members m
     WHERE m.user_id = app.current_user_id() AND app.role_rank(m.role) >= app.role_rank(p_min_role)
  $$;

CREATE FUNCTION app.internal_project_ids() RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT coalesce(array_agg(p.id), '{}') FROM public.projects p
     WHERE p.visibility = 'internal' AND app.current_user_id() IS NOT NULL
  $$;

-- Users who share a project with the caller (to show member names).
CREATE FUNCTION app.co_member_ids() RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT coalesce(array_agg(DISTINCT other.user_id), '{}')
      FROM public.project_members mine
      JOIN public.project_members other ON other.project_id = mine.project_id
     WHERE mine.user_id = app.current_user_id()
  $$;

-- A project its creator just inserted and nobody has joined yet: the
-- creator may add themself as its first owner.
CREATE FUNCTION app.project_unclaimed(p_project_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT EXISTS (SELECT 1 FROM public.projects p
                    WHERE p.id = p_project_id AND p.created_by_id = app.current_user_id())
       AND NOT EXISTS (SELECT 1 FROM public.project_members m WHERE m.project_id = p_project_id)
  $$;

-- A project always keeps an owner: checked at commit, so a transaction may
-- hand ownership over in two steps.
CREATE FUNCTION app.check_project_has_owner() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM public.projects p WHERE p.id = OLD.project_id)
       AND NOT EXISTS (SELECT 1 FROM public.project_members m
                        WHERE m.project_id = OLD.project_id AND m.role = 'owner') THEN
      RAISE EXCEPTION 'a project must keep at least one owner' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'project_members_last_owner';
    END IF;
    RETURN NULL;
  END
  $$;

CREATE CONSTRAINT TRIGGER project_members_keep_owner
  AFTER UPDATE OR DELETE ON "project_members"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION app.check_project_has_owner();

-- Users are visible to the people they share a project with.
CREATE POLICY users_select_co_members ON "users" FOR SELECT
  USING ("id" = ANY ((SELECT app.co_member_ids())::uuid[]));

-- ---------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "projects", "project_members" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "workflow_types", "workflow_templates" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE ON TABLE "workflow_instances" TO fastnext_app;
-- History is append-only.
GRANT SELECT, INSERT ON TABLE "workflow_history" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "projects", "project_members", "workflow_types", "workflow_templates",
  "workflow_instances", "workflow_history" TO fastnext_system;

-- ---------------------------------------------------------------------------
-- Row Level Security
-- ---------------------------------------------------------------------------
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_select ON "projects" FOR SELECT
  USING ("id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])
         OR ("visibility" = 'internal' AND (SELECT app.current_user_id()) IS NOT NULL)
         OR (SELECT app.has_permission('project.read_all')));
CREATE POLICY projects_insert ON "projects" FOR INSERT
  WITH CHECK ("created_by_id" = (SELECT app.current_user_id())
              AND ((SELECT app.has_permission('project.create')) OR (SELECT app.has_permission('project.manage_all'))));
CREATE POLICY projects_update ON "projects" FOR UPDATE
  USING ("id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')))
  WITH CHECK ("id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY projects_delete ON "projects" FOR DELETE
  USING ("id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));

ALTER TABLE "project_members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_members" FORCE ROW LEVEL SECURITY;
CREATE POLICY project_members_select ON "project_members" FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])
         OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[])
         OR (SELECT app.has_permission('project.read_all')));
CREATE POLICY project_members_insert ON "project_members" FOR INSERT
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[])
              OR (SELECT app.has_permission('project.manage_all'))
              OR ("user_id" = (SELECT app.current_user_id()) AND "role" = 'owner'
                  AND app.project_unclaimed("project_id")));
CREATE POLICY project_members_update ON "project_members" FOR UPDATE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')))
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY project_members_delete ON "project_members" FOR DELETE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[])
         OR (SELECT app.has_permission('project.manage_all'))
         OR "user_id" = (SELECT app.current_user_id()));

ALTER TABLE "workflow_types" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_types" FORCE ROW LEVEL SECURITY;
CREATE POLICY workflow_types_select ON "workflow_types" FOR SELECT
  USING ((SELECT app.current_user_id()) IS NOT NULL);
CREATE POLICY workflow_types_insert ON "workflow_types" FOR INSERT
  WITH CHECK ((SELECT app.has_permission('workflow.manage')));
CREATE POLICY workflow_types_update ON "workflow_types" FOR UPDATE
  USING ((SELECT app.has_permission('workflow.manage'))) WITH CHECK ((SELECT app.has_permission('workflow.manage')));
CREATE POLICY workflow_types_delete ON "workflow_types" FOR DELETE
  USING ((SELECT app.has_permission('workflow.manage')));

ALTER TABLE "workflow_templates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_templates" FORCE ROW LEVEL SECURITY;
CREATE POLICY workflow_templates_select ON "workflow_templates" FOR SELECT
  USING ((SELECT app.current_user_id()) IS NOT NULL);
CREATE POLICY workflow_templates_insert ON "workflow_templates" FOR INSERT
  WITH CHECK ((SELECT app.has_permission('workflow.manage')));
CREATE POLICY workflow_templates_update ON "workflow_templates" FOR UPDATE
  USING ((SELECT app.has_permission('workflow.manage'))) WITH CHECK ((SELECT app.has_permission('workflow.manage')));
CREATE POLICY workflow_templates_delete ON "workflow_templates" FOR DELETE
  USING ((SELECT app.has_permission('workflow.manage')));

ALTER TABLE "workflow_instances" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_instances" FORCE ROW LEVEL SECURITY;
CREATE POLICY workflow_instances_select ON "workflow_instances" FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])
         OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[])
         OR (SELECT app.has_permission('project.read_all')));
CREATE POLICY workflow_instances_insert ON "workflow_instances" FOR INSERT
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[])
              OR (SELECT app.has_permission('project.manage_all')));
-- Any member may move an instance: which transitions a role may fire is the
-- template's rule, checked by the service with the workflow engine.
CREATE POLICY workflow_instances_update ON "workflow_instances" FOR UPDATE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')))
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));

ALTER TABLE "workflow_history" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_history" FORCE ROW LEVEL SECURITY;
CREATE POLICY workflow_history_select ON "workflow_history" FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])
         OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[])
         OR (SELECT app.has_permission('project.read_all')));
CREATE POLICY workflow_history_insert ON "workflow_history" FOR INSERT
  WITH CHECK ("actor_id" = (SELECT app.current_user_id())
              AND ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])
                   OR (SELECT app.has_permission('project.manage_all'))));

-- Hand the definer functions to the system role, and let only the app use them.
GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.my_project_ids(public.project_role) OWNER TO fastnext_system;
ALTER FUNCTION app.internal_project_ids() OWNER TO fastnext_system;
ALTER FUNCTION app.co_member_ids() OWNER TO fastnext_system;
ALTER FUNCTION app.project_unclaimed(uuid) OWNER TO fastnext_system;
ALTER FUNCTION app.check_project_has_owner() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

REVOKE EXECUTE ON FUNCTION app.role_rank(public.project_role) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.my_project_ids(public.project_role) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.internal_project_ids() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.co_member_ids() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.project_unclaimed(uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.check_project_has_owner() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.role_rank(public.project_role) TO fastnext_app, fastnext_system;
GRANT EXECUTE ON FUNCTION app.my_project_ids(public.project_role) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.internal_project_ids() TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.co_member_ids() TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.project_unclaimed(uuid) TO fastnext_app;
