-- Exports and imports: one row per transfer, asked for by a user in the
-- API (which raises transfer.requested) and run by the worker as a job of
-- the queue transfers.run, under the requester's own scope. The worker's
-- system login keeps the row's status and progress; a scheduled job of
-- the queue transfers.cleanup removes the files of expired exports.

-- CreateEnum
CREATE TYPE "transfer_kind" AS ENUM ('export', 'import');

-- CreateEnum
CREATE TYPE "transfer_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "data_transfers" (
    "id" UUID NOT NULL,
    "kind" "transfer_kind" NOT NULL,
    "requested_by" UUID NOT NULL,
    "project_id" UUID,
    "resource" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" "transfer_status" NOT NULL DEFAULT 'queued',
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "total_rows" INTEGER,
    "storage_key" TEXT,
    "file_name" TEXT,
    "byte_size" INTEGER,
    "options" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "error" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "data_transfers_storage_key_key" ON "data_transfers"("storage_key");

-- CreateIndex
CREATE INDEX "data_transfers_requested_by_created_at_id_idx" ON "data_transfers"("requested_by", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "data_transfers_expires_at_idx" ON "data_transfers"("expires_at");

-- AddForeignKey
ALTER TABLE "data_transfers" ADD CONSTRAINT "data_transfers_requested_by_fkey" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "data_transfers" ADD CONSTRAINT "data_transfers_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The queues. Retry and time-out settings here are defaults: the worker
-- applies its configured values (TRANSFER_* variables) when it starts.
SELECT pgboss.create_queue('transfers.run',
  '{"policy": "standard", "retryLimit": 2, "retryDelay": 10, "retryBackoff": true, "expireInSeconds": 3600}'::json);
SELECT pgboss.create_queue('transfers.cleanup',
  '{"policy": "standard", "retryLimit": 2, "retryDelay": 30, "expireInSeconds": 300}'::json);

-- Access of "data_transfers", rendered from packages/db/src/policies/tables/data_transfers.ts
-- (pnpm db:policy:sql data_transfers). Change the declaration, then render again.
GRANT SELECT, INSERT ON TABLE "data_transfers" TO "fastnext_app";
GRANT UPDATE ("finished_at", "status", "updated_at") ON TABLE "data_transfers" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "data_transfers" TO "fastnext_system";
ALTER TABLE "data_transfers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "data_transfers" FORCE ROW LEVEL SECURITY;
CREATE POLICY "data_transfers_select" ON "data_transfers"
  FOR SELECT
  USING ("requested_by" = (SELECT app.current_user_id()));
CREATE POLICY "data_transfers_insert" ON "data_transfers"
  FOR INSERT
  WITH CHECK ("requested_by" = (SELECT app.current_user_id()) AND "status" = 'queued' AND ("project_id" IS NULL OR "project_id" = ANY ((SELECT app.my_project_ids('viewer'))::uuid[]) OR "project_id" = ANY ((SELECT app.internal_project_ids())::uuid[]) OR (SELECT app.has_permission('project.read_all'))));
CREATE POLICY "data_transfers_update" ON "data_transfers"
  FOR UPDATE
  USING ("requested_by" = (SELECT app.current_user_id()))
  WITH CHECK ("requested_by" = (SELECT app.current_user_id()) AND "status" = 'cancelled');
