-- Outbound webhooks: endpoints (installation-wide, or of one project) and
-- their deliveries. The API writes endpoints; the worker alone writes
-- deliveries, fanning each domain event out in its handler's transaction
-- and sending each delivery as a job of the queue webhooks.deliver, whose
-- retries (exponential back-off with jitter) are the delivery's retries.

-- CreateEnum
CREATE TYPE "webhook_delivery_status" AS ENUM ('pending', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "project_id" UUID,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "project_id" UUID,
    "event_id" UUID,
    "event_name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "webhook_delivery_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_attempt_at" TIMESTAMPTZ(3),
    "response_status" INTEGER,
    "response_time_ms" INTEGER,
    "response_body" TEXT,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoints_created_at_id_idx" ON "webhook_endpoints"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "webhook_endpoints_project_id_idx" ON "webhook_endpoints"("project_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_id_idx" ON "webhook_deliveries"("endpoint_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");

-- AddForeignKey
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The permission for installation-wide endpoints (and every project's);
-- administrators hold every permission. The catalogue's policies let no
-- one write, the owner included (forced): lifted for these inserts only,
-- inside this migration's transaction.
ALTER TABLE "permissions" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "role_permissions" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "roles" NO FORCE ROW LEVEL SECURITY;
INSERT INTO "permissions" ("key", "category", "description") VALUES
  ('webhook.manage', 'webhooks', 'Manage every webhook endpoint, installation-wide or of any project');
INSERT INTO "role_permissions" ("role_id", "permission_key")
SELECT r."id", 'webhook.manage' FROM "roles" r WHERE r."key" = 'admin';
ALTER TABLE "permissions" FORCE ROW LEVEL SECURITY;
ALTER TABLE "role_permissions" FORCE ROW LEVEL SECURITY;
ALTER TABLE "roles" FORCE ROW LEVEL SECURITY;

-- The delivery queue. Its retry settings here are defaults: the worker
-- applies its configured values (WEBHOOK_* variables) when it starts.
SELECT pgboss.create_queue('webhooks.deliver',
  '{"policy": "standard", "retryLimit": 6, "retryDelay": 10, "retryBackoff": true, "expireInSeconds": 60}'::json);

-- A rotation writes the new secret and, for a grace period, an expiry for
-- the old one, which this trigger keeps as previous_secret: the app role
-- may write secrets but never read them, so it cannot copy the old one.
CREATE FUNCTION app.keep_previous_webhook_secret() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $$
BEGIN
  IF NEW.secret IS DISTINCT FROM OLD.secret THEN
    NEW.previous_secret := CASE WHEN NEW.previous_secret_expires_at IS NOT NULL THEN OLD.secret END;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER webhook_endpoints_keep_previous_secret
  BEFORE UPDATE ON "webhook_endpoints"
  FOR EACH ROW EXECUTE FUNCTION app.keep_previous_webhook_secret();

-- Access of "webhook_endpoints", rendered from packages/db/src/policies/tables/webhook_endpoints.ts
-- (pnpm db:policy:sql webhook_endpoints). Change the declaration, then render again.
GRANT INSERT, DELETE ON TABLE "webhook_endpoints" TO "fastnext_app";
GRANT SELECT ("consecutive_failures", "created_at", "created_by_id", "description", "disabled_at", "disabled_reason", "enabled", "events", "id", "previous_secret_expires_at", "project_id", "updated_at", "url") ON TABLE "webhook_endpoints" TO "fastnext_app";
GRANT UPDATE ("consecutive_failures", "description", "disabled_at", "disabled_reason", "enabled", "events", "previous_secret_expires_at", "secret", "updated_at", "url") ON TABLE "webhook_endpoints" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "webhook_endpoints" TO "fastnext_system";
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_endpoints" FORCE ROW LEVEL SECURITY;
CREATE POLICY "webhook_endpoints_select" ON "webhook_endpoints"
  FOR SELECT
  USING ((SELECT app.has_permission('webhook.manage')) OR ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))) AND "project_id" IS NOT NULL);
CREATE POLICY "webhook_endpoints_insert" ON "webhook_endpoints"
  FOR INSERT
  WITH CHECK (((SELECT app.has_permission('webhook.manage')) OR ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))) AND "project_id" IS NOT NULL) AND "created_by_id" = (SELECT app.current_user_id()));
CREATE POLICY "webhook_endpoints_update" ON "webhook_endpoints"
  FOR UPDATE
  USING ((SELECT app.has_permission('webhook.manage')) OR ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))) AND "project_id" IS NOT NULL)
  WITH CHECK ((SELECT app.has_permission('webhook.manage')) OR ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))) AND "project_id" IS NOT NULL);
CREATE POLICY "webhook_endpoints_delete" ON "webhook_endpoints"
  FOR DELETE
  USING ((SELECT app.has_permission('webhook.manage')) OR ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))) AND "project_id" IS NOT NULL);

-- Access of "webhook_deliveries", rendered from packages/db/src/policies/tables/webhook_deliveries.ts
-- (pnpm db:policy:sql webhook_deliveries). Change the declaration, then render again.
GRANT SELECT ON TABLE "webhook_deliveries" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "webhook_deliveries" TO "fastnext_system";
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "webhook_deliveries" FORCE ROW LEVEL SECURITY;
CREATE POLICY "webhook_deliveries_select" ON "webhook_deliveries"
  FOR SELECT
  USING ((SELECT app.has_permission('webhook.manage')) OR ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[]) OR (SELECT app.has_permission('project.manage_all'))) AND "project_id" IS NOT NULL);
