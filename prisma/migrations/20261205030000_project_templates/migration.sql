-- Templates of one project, and the installation templates a project turned off.
--
-- A template with a project_id is that project's own: defined by its owners,
-- usable there only, deleted with the project. A template without one is
-- installation-wide and stays with workflow.manage. Keys stay unique across
-- the installation (every version of a key shares its scope), so a key names
-- one template wherever it is used (instance creation, analytics).
--
-- Which installation templates a project uses is opt-out: a project uses
-- every published installation template unless its owners turn one off
-- (a row in project_disabled_templates). Opt-in would have left every
-- existing project with an empty template picker on the day this shipped,
-- and a template published later would have to be switched on in each
-- project before anyone could use it. The switch is per key, so a new
-- version of a turned-off template stays off.

-- AlterTable
ALTER TABLE "workflow_templates" ADD COLUMN     "project_id" UUID;

-- CreateTable
CREATE TABLE "project_disabled_templates" (
    "project_id" UUID NOT NULL,
    "template_key" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_disabled_templates_pkey" PRIMARY KEY ("project_id","template_key")
);

-- CreateIndex
CREATE INDEX "workflow_templates_project_id_idx" ON "workflow_templates"("project_id");

-- AddForeignKey
ALTER TABLE "workflow_templates" ADD CONSTRAINT "workflow_templates_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_disabled_templates" ADD CONSTRAINT "project_disabled_templates_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Access of workflow_templates: the declaration in
-- packages/db/src/policies/tables/workflow_templates.ts, as changed policies.
ALTER POLICY "workflow_templates_select" ON "workflow_templates"
  USING (("project_id" IS NULL AND (SELECT app.current_user_id()) IS NOT NULL) OR "project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')) OR ("project_id" IS NOT NULL AND (SELECT app.has_permission('project.manage_all'))));
ALTER POLICY "workflow_templates_insert" ON "workflow_templates"
  WITH CHECK ((SELECT app.has_permission('workflow.manage')) OR "project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR ("project_id" IS NOT NULL AND (SELECT app.has_permission('project.manage_all'))));
ALTER POLICY "workflow_templates_update" ON "workflow_templates"
  USING ((SELECT app.has_permission('workflow.manage')) OR "project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR ("project_id" IS NOT NULL AND (SELECT app.has_permission('project.manage_all'))))
  WITH CHECK ((SELECT app.has_permission('workflow.manage')) OR "project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR ("project_id" IS NOT NULL AND (SELECT app.has_permission('project.manage_all'))));
ALTER POLICY "workflow_templates_delete" ON "workflow_templates"
  USING ((SELECT app.has_permission('workflow.manage')) OR "project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR ("project_id" IS NOT NULL AND (SELECT app.has_permission('project.manage_all'))));

-- A template keeps its project: an owner of two projects may write both
-- projects' templates, and an update must not carry one across (nor make a
-- project's template installation-wide, or the reverse).
CREATE FUNCTION app.check_workflow_template_update() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF NEW.project_id IS DISTINCT FROM OLD.project_id THEN
      RAISE EXCEPTION 'a workflow template keeps its project' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'workflow_templates_fixed_project';
    END IF;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER workflow_templates_check_update BEFORE UPDATE ON "workflow_templates"
  FOR EACH ROW EXECUTE FUNCTION app.check_workflow_template_update();

-- Access of "project_disabled_templates", rendered from packages/db/src/policies/tables/project_disabled_templates.ts
-- (pnpm db:policy:sql project_disabled_templates). Change the declaration, then render again.
GRANT SELECT, INSERT, DELETE ON TABLE "project_disabled_templates" TO "fastnext_app";
GRANT SELECT, INSERT, DELETE ON TABLE "project_disabled_templates" TO "fastnext_system";
ALTER TABLE "project_disabled_templates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_disabled_templates" FORCE ROW LEVEL SECURITY;
CREATE POLICY "project_disabled_templates_select" ON "project_disabled_templates"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "project_disabled_templates_insert" ON "project_disabled_templates"
  FOR INSERT
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "project_disabled_templates_delete" ON "project_disabled_templates"
  FOR DELETE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));

-- The permission catalogue says what workflow.manage now covers, and every
-- installation gets one workflow type, so that a project owner can define a
-- template (templates belong to a type, and types stay with workflow.manage)
-- before anyone with that permission has set up the installation. The
-- catalogue's and the types' policies let no one write here, the owner
-- included (forced): lifted for these statements only, inside this
-- migration's transaction.
ALTER TABLE "permissions" NO FORCE ROW LEVEL SECURITY;
UPDATE "permissions" SET "description" = 'Define workflow types and installation-wide templates, and change any project''s templates'
 WHERE "key" = 'workflow.manage';
ALTER TABLE "permissions" FORCE ROW LEVEL SECURITY;
ALTER TABLE "workflow_types" NO FORCE ROW LEVEL SECURITY;
INSERT INTO "workflow_types" ("id", "key", "name", "description", "updated_at")
VALUES (gen_random_uuid(), 'general', 'General', 'Processes of any kind', CURRENT_TIMESTAMP)
ON CONFLICT ("key") DO NOTHING;
ALTER TABLE "workflow_types" FORCE ROW LEVEL SECURITY;
