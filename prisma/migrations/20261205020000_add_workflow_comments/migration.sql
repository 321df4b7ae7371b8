-- CreateTable
CREATE TABLE "workflow_comments" (
    "id" UUID NOT NULL,
    "instance_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "mentioned_user_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" TIMESTAMPTZ(3),

    CONSTRAINT "workflow_comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "workflow_comments_instance_id_created_at_id_idx" ON "workflow_comments"("instance_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "workflow_comments_project_id_idx" ON "workflow_comments"("project_id");

-- CreateIndex
CREATE INDEX "workflow_comments_author_id_idx" ON "workflow_comments"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_instances_id_project_id_key" ON "workflow_instances"("id", "project_id");

-- AddForeignKey
ALTER TABLE "workflow_comments" ADD CONSTRAINT "workflow_comments_instance_id_project_id_fkey" FOREIGN KEY ("instance_id", "project_id") REFERENCES "workflow_instances"("id", "project_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_comments" ADD CONSTRAINT "workflow_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Access of "workflow_comments", rendered from packages/db/src/policies/tables/workflow_comments.ts
-- (pnpm db:policy:sql workflow_comments). Change the declaration, then render again.
GRANT SELECT, INSERT, DELETE ON TABLE "workflow_comments" TO "fastnext_app";
GRANT UPDATE ("body", "edited_at", "mentioned_user_ids") ON TABLE "workflow_comments" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "workflow_comments" TO "fastnext_system";
ALTER TABLE "workflow_comments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workflow_comments" FORCE ROW LEVEL SECURITY;
CREATE POLICY "workflow_comments_select" ON "workflow_comments"
  FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all')));
CREATE POLICY "workflow_comments_insert" ON "workflow_comments"
  FOR INSERT
  WITH CHECK ("author_id" = (SELECT app.current_user_id()) AND ("project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))));
CREATE POLICY "workflow_comments_update" ON "workflow_comments"
  FOR UPDATE
  USING ("author_id" = (SELECT app.current_user_id()) AND "project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]))
  WITH CHECK ("author_id" = (SELECT app.current_user_id()) AND "project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]));
CREATE POLICY "workflow_comments_delete" ON "workflow_comments"
  FOR DELETE
  USING (("author_id" = (SELECT app.current_user_id()) AND "project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[])) OR (SELECT app.has_permission('project.manage_all')));
