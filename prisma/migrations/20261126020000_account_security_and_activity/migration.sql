-- Account security (two-factor, password history), user profile and
-- settings, runtime system settings, and the activity trail.

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "avatar_url" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "password_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "two_factor_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "two_factor_pending" TEXT,
ADD COLUMN     "two_factor_secret" TEXT;

-- CreateTable
CREATE TABLE "two_factor_backup_codes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "two_factor_backup_codes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_history" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_challenges" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "device_label" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_challenges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" UUID NOT NULL,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "changes" JSONB,
    "request_id" TEXT,
    "ip" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "two_factor_backup_codes_user_id_code_hash_key" ON "two_factor_backup_codes"("user_id", "code_hash");

-- CreateIndex
CREATE INDEX "password_history_user_id_created_at_idx" ON "password_history"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "login_challenges_user_id_idx" ON "login_challenges"("user_id");

-- CreateIndex
CREATE INDEX "activities_actor_id_created_at_id_idx" ON "activities"("actor_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "activities_entity_type_entity_id_idx" ON "activities"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "activities_created_at_id_idx" ON "activities"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "users_created_at_id_idx" ON "users"("created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "two_factor_backup_codes" ADD CONSTRAINT "two_factor_backup_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "login_challenges" ADD CONSTRAINT "login_challenges_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Grants
-- ---------------------------------------------------------------------------
GRANT UPDATE ("avatar_url", "locale", "time_zone", "settings", "password_changed_at", "two_factor_enabled",
              "two_factor_secret", "two_factor_pending") ON TABLE "users" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "two_factor_backup_codes" TO fastnext_app;
GRANT SELECT, INSERT ON TABLE "password_history" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE ON TABLE "login_challenges" TO fastnext_app;
-- The trail is append-only for the application: no UPDATE, no DELETE.
GRANT SELECT, INSERT ON TABLE "activities" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE ON TABLE "system_settings" TO fastnext_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "two_factor_backup_codes", "password_history", "login_challenges",
  "activities", "system_settings" TO fastnext_system;

-- ---------------------------------------------------------------------------
-- Row Level Security
-- ---------------------------------------------------------------------------
ALTER TABLE "two_factor_backup_codes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "two_factor_backup_codes" FORCE ROW LEVEL SECURITY;
CREATE POLICY backup_codes_select ON "two_factor_backup_codes" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY backup_codes_insert ON "two_factor_backup_codes" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY backup_codes_update ON "two_factor_backup_codes" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id())) WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY backup_codes_delete ON "two_factor_backup_codes" FOR DELETE
  USING ("user_id" = (SELECT app.current_user_id()));

ALTER TABLE "password_history" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "password_history" FORCE ROW LEVEL SECURITY;
CREATE POLICY password_history_select ON "password_history" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY password_history_insert ON "password_history" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));

ALTER TABLE "login_challenges" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "login_challenges" FORCE ROW LEVEL SECURITY;
CREATE POLICY login_challenges_select ON "login_challenges" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY login_challenges_insert ON "login_challenges" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY login_challenges_update ON "login_challenges" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id())) WITH CHECK ("user_id" = (SELECT app.current_user_id()));

ALTER TABLE "activities" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "activities" FORCE ROW LEVEL SECURITY;
CREATE POLICY activities_select ON "activities" FOR SELECT
  USING ("actor_id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('activity.read_all')));
-- Nobody writes an entry in someone else's name. System entries (no actor)
-- come from system jobs on the system login.
CREATE POLICY activities_insert ON "activities" FOR INSERT
  WITH CHECK ("actor_id" = (SELECT app.current_user_id()));

ALTER TABLE "system_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "system_settings" FORCE ROW LEVEL SECURITY;
-- Settings hold no secrets: sign-up reads the password policy before anyone is signed in.
CREATE POLICY system_settings_select ON "system_settings" FOR SELECT USING (true);
CREATE POLICY system_settings_insert ON "system_settings" FOR INSERT
  WITH CHECK ((SELECT app.has_permission('system.manage')));
CREATE POLICY system_settings_update ON "system_settings" FOR UPDATE
  USING ((SELECT app.has_permission('system.manage'))) WITH CHECK ((SELECT app.has_permission('system.manage')));
