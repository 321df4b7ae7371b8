-- Imports of workflow items: the mapping a project remembers per template,
-- and the key of each row an import turned into an item.
--
-- The key (the file's external key column, or a digest of the row) is unique
-- per project and template key: a re-import of the same file finds every row's
-- item and creates nothing. It is written in the same transaction as its item,
-- so a key exists exactly when the item does, and it goes with the item.

-- CreateTable
CREATE TABLE "import_mappings" (
    "project_id" UUID NOT NULL,
    "template_key" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("project_id","template_key")
);

-- CreateTable
CREATE TABLE "workflow_import_keys" (
    "project_id" UUID NOT NULL,
    "template_key" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "instance_id" UUID NOT NULL,
    "transfer_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_import_keys_pkey" PRIMARY KEY ("project_id","template_key","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "workflow_import_keys_instance_id_project_id_key" ON "workflow_import_keys"("instance_id", "project_id");

-- AddForeignKey
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_import_keys" ADD CONSTRAINT "workflow_import_keys_instance_id_project_id_fkey" FOREIGN KEY ("instance_id", "project_id") REFERENCES "workflow_instances"("id", "project_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Access of "import_mappings", rendered from packages/db/src/policies/tables/import_mappings.ts
-- (pnpm db:policy:sql import_mappings). Change the declaration, then render again.
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "import_mappings" TO "fastnext_app";
ALTER TABLE "import_mappings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "import_mappings" FORCE ROW LEVEL SECURITY;
CREATE POLICY "import_mappings_select" ON "import_mappings"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "import_mappings_insert" ON "import_mappings"
  FOR INSERT
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "import_mappings_update" ON "import_mappings"
  FOR UPDATE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')))
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "import_mappings_delete" ON "import_mappings"
  FOR DELETE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));

-- Access of "workflow_import_keys", rendered from packages/db/src/policies/tables/workflow_import_keys.ts
-- (pnpm db:policy:sql workflow_import_keys). Change the declaration, then render again.
GRANT SELECT, INSERT ON TABLE "workflow_import_keys" TO "fastnext_app";
ALTER TABLE "workflow_import_keys" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_import_keys" FORCE ROW LEVEL SECURITY;
CREATE POLICY "workflow_import_keys_select" ON "workflow_import_keys"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')) OR (SELECT app.has_permission('project.manage_all')));
CREATE POLICY "workflow_import_keys_insert" ON "workflow_import_keys"
  FOR INSERT
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
