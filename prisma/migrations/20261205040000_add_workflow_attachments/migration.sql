-- CreateTable
CREATE TABLE "workflow_attachments" (
    "id" UUID NOT NULL,
    "instance_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "uploader_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storage_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_attachments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workflow_attachments_storage_key_key" ON "workflow_attachments"("storage_key");

-- CreateIndex
CREATE INDEX "workflow_attachments_instance_id_created_at_id_idx" ON "workflow_attachments"("instance_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "workflow_attachments_project_id_idx" ON "workflow_attachments"("project_id");

-- AddForeignKey
ALTER TABLE "workflow_attachments" ADD CONSTRAINT "workflow_attachments_instance_id_project_id_fkey" FOREIGN KEY ("instance_id", "project_id") REFERENCES "workflow_instances"("id", "project_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Access of "workflow_attachments", rendered from packages/db/src/policies/tables/workflow_attachments.ts
-- (pnpm db:policy:sql workflow_attachments). Change the declaration, then render again.
GRANT SELECT, INSERT, DELETE ON TABLE "workflow_attachments" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "workflow_attachments" TO "fastnext_system";
ALTER TABLE "workflow_attachments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_attachments" FORCE ROW LEVEL SECURITY;
CREATE POLICY "workflow_attachments_select" ON "workflow_attachments"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')));
CREATE POLICY "workflow_attachments_insert" ON "workflow_attachments"
  FOR INSERT
  WITH CHECK ("uploader_id" = (SELECT app.current_user_id()) AND ("project_id" = ANY ((SELECT app.my_project_ids('editor'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))));
CREATE POLICY "workflow_attachments_delete" ON "workflow_attachments"
  FOR DELETE
  USING (("uploader_id" = (SELECT app.current_user_id()) AND "project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])) OR "project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all')));
