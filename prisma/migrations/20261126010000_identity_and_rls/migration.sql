-- Identity and access: roles, permissions, sessions, refresh tokens, and
-- Row Level Security on every table the application role can reach.
--
-- How the policies know the caller: each request runs in one transaction
-- that first calls set_config('app.user_id', ..., true) and
-- set_config('app.permissions', ..., true). Both are transaction-local, so
-- a pooled connection reads '' after the commit and the getters below turn
-- that into NULL / no permissions: an unscoped query sees nothing.
--
-- fastnext_system is a BYPASSRLS role without superuser rights. It owns the
-- few SECURITY DEFINER functions that must read before a caller is known
-- (sign-in by e-mail, refresh-token lookup) and is the login of system jobs.
-- Provisioning creates it with a password. This fallback needs a superuser.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fastnext_system') THEN
    CREATE ROLE fastnext_system NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT;
  END IF;
END
$$;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "access_version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "permissions" (
    "key" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "permissions_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "is_system" BOOLEAN NOT NULL DEFAULT false,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_permissions" (
    "role_id" UUID NOT NULL,
    "permission_key" TEXT NOT NULL,

    CONSTRAINT "role_permissions_pkey" PRIMARY KEY ("role_id","permission_key")
);

-- CreateTable
CREATE TABLE "user_roles" (
    "user_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assigned_by_id" UUID,

    CONSTRAINT "user_roles_pkey" PRIMARY KEY ("user_id","role_id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "device_label" TEXT NOT NULL,
    "user_agent" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refresh_tokens" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "roles_key_key" ON "roles"("key");

-- CreateIndex
CREATE INDEX "role_permissions_permission_key_idx" ON "role_permissions"("permission_key");

-- CreateIndex
CREATE INDEX "user_roles_role_id_idx" ON "user_roles"("role_id");

-- CreateIndex
CREATE INDEX "sessions_user_id_revoked_at_idx" ON "sessions"("user_id", "revoked_at");

-- CreateIndex
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "refresh_tokens_user_id_idx" ON "refresh_tokens"("user_id");

-- CreateIndex
CREATE INDEX "refresh_tokens_session_id_idx" ON "refresh_tokens"("session_id");

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_permissions" ADD CONSTRAINT "role_permissions_permission_key_fkey" FOREIGN KEY ("permission_key") REFERENCES "permissions"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_assigned_by_id_fkey" FOREIGN KEY ("assigned_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Emails, role keys and permission keys follow one spelling each.
ALTER TABLE "roles" ADD CONSTRAINT "roles_key_format" CHECK ("key" ~ '^[a-z][a-z0-9_]{1,63}$');
ALTER TABLE "permissions" ADD CONSTRAINT "permissions_key_format" CHECK ("key" ~ '^[a-z_]+\.[a-z_]+$');

-- ---------------------------------------------------------------------------
-- The permission catalogue (mirrors packages/validators/src/permissions.ts)
-- and the system roles.
-- ---------------------------------------------------------------------------
INSERT INTO "permissions" ("key", "category", "description") VALUES
  ('user.read', 'users', 'See every user, with e-mail and sign-in details'),
  ('user.manage', 'users', 'Create, edit, deactivate users and end their sessions'),
  ('role.read', 'roles', 'See roles and what they grant'),
  ('role.manage', 'roles', 'Create and edit roles, and assign them to users'),
  ('activity.read_all', 'activity', 'Read everyone''s activity trail'),
  ('project.create', 'projects', 'Create projects'),
  ('project.read_all', 'projects', 'See every project, member or not'),
  ('project.manage_all', 'projects', 'Change every project, member or not'),
  ('workflow.manage', 'workflows', 'Define workflow types and templates'),
  ('system.read', 'system', 'See system statistics'),
  ('system.manage', 'system', 'Change runtime settings and feature flags');

INSERT INTO "roles" ("id", "key", "name", "is_system", "is_default", "updated_at") VALUES
  (gen_random_uuid(), 'admin', 'Administrator', true, false, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'manager', 'Manager', true, false, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'member', 'Member', true, true, CURRENT_TIMESTAMP),
  (gen_random_uuid(), 'viewer', 'Viewer', true, false, CURRENT_TIMESTAMP);

INSERT INTO "role_permissions" ("role_id", "permission_key")
SELECT r."id", v."permission_key" FROM (VALUES
  ('admin', 'user.read'),
  ('admin', 'user.manage'),
  ('admin', 'role.read'),
  ('admin', 'role.manage'),
  ('admin', 'activity.read_all'),
  ('admin', 'project.create'),
  ('admin', 'project.read_all'),
  ('admin', 'project.manage_all'),
  ('admin', 'workflow.manage'),
  ('admin', 'system.read'),
  ('admin', 'system.manage'),
  ('manager', 'user.read'),
  ('manager', 'role.read'),
  ('manager', 'activity.read_all'),
  ('manager', 'project.create'),
  ('manager', 'project.read_all'),
  ('manager', 'workflow.manage'),
  ('manager', 'system.read'),
  ('member', 'project.create')
) AS v("role_key", "permission_key") JOIN "roles" r ON r."key" = v."role_key";

-- ---------------------------------------------------------------------------
-- Who is calling: getters used by every policy. They fail closed: an unset
-- or empty setting gives NULL / false, which matches no row.
-- ---------------------------------------------------------------------------
CREATE SCHEMA IF NOT EXISTS app;
REVOKE ALL ON SCHEMA app FROM PUBLIC;
GRANT USAGE ON SCHEMA app TO fastnext_app, fastnext_system;

CREATE FUNCTION app.current_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

CREATE FUNCTION app.has_permission(permission text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE
  SET search_path = pg_catalog
  AS $$
    SELECT coalesce(
      permission = ANY (string_to_array(NULLIF(current_setting('app.permissions', true), ''), ',')),
      false)
  $$;

REVOKE EXECUTE ON FUNCTION app.current_user_id() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.has_permission(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.current_user_id() TO fastnext_app, fastnext_system;
GRANT EXECUTE ON FUNCTION app.has_permission(text) TO fastnext_app, fastnext_system;

-- ---------------------------------------------------------------------------
-- Grants. Column lists keep flags like is_superuser out of the app's reach.
-- ---------------------------------------------------------------------------
REVOKE UPDATE ON TABLE "users" FROM fastnext_app;
GRANT UPDATE ("email", "name", "password_hash", "is_active", "failed_login_count", "locked_until",
              "last_login_at", "updated_at") ON TABLE "users" TO fastnext_app;
GRANT SELECT ON TABLE "permissions" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "roles", "role_permissions" TO fastnext_app;
GRANT SELECT, INSERT, DELETE ON TABLE "user_roles" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE ON TABLE "sessions", "refresh_tokens" TO fastnext_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fastnext_system;
REVOKE ALL ON TABLE "_prisma_migrations" FROM fastnext_system;
GRANT SELECT ON TABLE "_prisma_migrations" TO fastnext_system;

-- ---------------------------------------------------------------------------
-- Row Level Security: enabled and forced (the owner is bound too), one
-- policy per command, WITH CHECK on writes. Settings are read through
-- (SELECT ...) so PostgreSQL evaluates them once per statement.
-- ---------------------------------------------------------------------------
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
CREATE POLICY users_select ON "users" FOR SELECT
  USING ("id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.read')));
-- Registration inserts the new user's own row, inside a transaction acting as it.
CREATE POLICY users_insert ON "users" FOR INSERT
  WITH CHECK ("id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.manage')));
CREATE POLICY users_update ON "users" FOR UPDATE
  USING ("id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.manage')))
  WITH CHECK ("id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.manage')));

ALTER TABLE "permissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "permissions" FORCE ROW LEVEL SECURITY;
-- The catalogue is public knowledge to signed-in code paths.
CREATE POLICY permissions_select ON "permissions" FOR SELECT USING (true);

ALTER TABLE "roles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "roles" FORCE ROW LEVEL SECURITY;
CREATE POLICY roles_select ON "roles" FOR SELECT USING (true);
CREATE POLICY roles_insert ON "roles" FOR INSERT WITH CHECK ((SELECT app.has_permission('role.manage')));
CREATE POLICY roles_update ON "roles" FOR UPDATE
  USING ((SELECT app.has_permission('role.manage'))) WITH CHECK ((SELECT app.has_permission('role.manage')));
CREATE POLICY roles_delete ON "roles" FOR DELETE USING ((SELECT app.has_permission('role.manage')) AND NOT "is_system");

ALTER TABLE "role_permissions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "role_permissions" FORCE ROW LEVEL SECURITY;
CREATE POLICY role_permissions_select ON "role_permissions" FOR SELECT USING (true);
CREATE POLICY role_permissions_insert ON "role_permissions" FOR INSERT
  WITH CHECK ((SELECT app.has_permission('role.manage')));
CREATE POLICY role_permissions_update ON "role_permissions" FOR UPDATE
  USING ((SELECT app.has_permission('role.manage'))) WITH CHECK ((SELECT app.has_permission('role.manage')));
CREATE POLICY role_permissions_delete ON "role_permissions" FOR DELETE
  USING ((SELECT app.has_permission('role.manage')));

ALTER TABLE "user_roles" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "user_roles" FORCE ROW LEVEL SECURITY;
CREATE POLICY user_roles_select ON "user_roles" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id())
         OR (SELECT app.has_permission('user.read')) OR (SELECT app.has_permission('role.manage')));
-- Role managers assign anything. A newly registered user may take the
-- default roles, and only while it holds no role at all.
-- (A policy cannot query its own table, so "holds no role" is asked through
-- a definer function, created further down.)
CREATE FUNCTION app.holds_any_role(p_user_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$ SELECT EXISTS (SELECT 1 FROM public.user_roles ur WHERE ur.user_id = p_user_id) $$;

CREATE POLICY user_roles_insert ON "user_roles" FOR INSERT
  WITH CHECK (
    (SELECT app.has_permission('role.manage'))
    OR ("user_id" = (SELECT app.current_user_id())
        AND "role_id" = ANY (ARRAY(SELECT r."id" FROM "roles" r WHERE r."is_default"))
        AND NOT (SELECT app.holds_any_role(app.current_user_id())))
  );
CREATE POLICY user_roles_delete ON "user_roles" FOR DELETE USING ((SELECT app.has_permission('role.manage')));

ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;
CREATE POLICY sessions_select ON "sessions" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.manage')));
CREATE POLICY sessions_insert ON "sessions" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY sessions_update ON "sessions" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.manage')))
  WITH CHECK ("user_id" = (SELECT app.current_user_id()) OR (SELECT app.has_permission('user.manage')));

ALTER TABLE "refresh_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "refresh_tokens" FORCE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_select ON "refresh_tokens" FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY refresh_tokens_insert ON "refresh_tokens" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY refresh_tokens_update ON "refresh_tokens" FOR UPDATE
  USING ("user_id" = (SELECT app.current_user_id()))
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));

-- ---------------------------------------------------------------------------
-- Sign-in helpers. They run as fastnext_system (BYPASSRLS) because no caller
-- is known yet. Each answers one narrow question, has a fixed search_path,
-- and only the app role may execute it.
-- ---------------------------------------------------------------------------
CREATE FUNCTION app.auth_find_user_by_email(p_email text)
  RETURNS TABLE (id uuid, password_hash text, is_active boolean, locked_until timestamptz, failed_login_count integer)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT u.id, u.password_hash, u.is_active, u.locked_until, u.failed_login_count
      FROM public.users u WHERE u.email = lower(btrim(p_email))
  $$;

-- Counts a wrong password. Locks the account once p_threshold failures in a
-- row are reached. Returns the new state.
CREATE FUNCTION app.auth_record_login_failure(p_user_id uuid, p_threshold integer, p_lock_seconds integer)
  RETURNS TABLE (failed_login_count integer, locked_until timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    UPDATE public.users u
       SET failed_login_count = u.failed_login_count + 1,
           locked_until = CASE WHEN u.failed_login_count + 1 >= p_threshold
                               THEN now() + make_interval(secs => p_lock_seconds)
                               ELSE u.locked_until END,
           updated_at = now()
     WHERE u.id = p_user_id
    RETURNING u.failed_login_count, u.locked_until
  $$;

CREATE FUNCTION app.auth_find_refresh_token(p_token_hash text)
  RETURNS TABLE (token_id uuid, session_id uuid, user_id uuid, used_at timestamptz, expires_at timestamptz,
                 session_revoked_at timestamptz, session_expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT t.id, t.session_id, t.user_id, t.used_at, t.expires_at, s.revoked_at, s.expires_at
      FROM public.refresh_tokens t JOIN public.sessions s ON s.id = t.session_id
     WHERE t.token_hash = p_token_hash
  $$;

-- Role changes make cached permission sets stale: bump the users' version.
CREATE FUNCTION app.bump_access_version_for_user() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    UPDATE public.users SET access_version = access_version + 1
     WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END;
    RETURN NULL;
  END
  $$;

CREATE FUNCTION app.bump_access_version_for_role() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    UPDATE public.users u SET access_version = u.access_version + 1
      FROM public.user_roles ur
     WHERE ur.user_id = u.id
       AND ur.role_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.role_id ELSE NEW.role_id END;
    RETURN NULL;
  END
  $$;

CREATE TRIGGER user_roles_access_version AFTER INSERT OR DELETE ON "user_roles"
  FOR EACH ROW EXECUTE FUNCTION app.bump_access_version_for_user();
CREATE TRIGGER role_permissions_access_version AFTER INSERT OR UPDATE OR DELETE ON "role_permissions"
  FOR EACH ROW EXECUTE FUNCTION app.bump_access_version_for_role();

-- A new owner needs CREATE on the schema, only for the hand-over.
GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.auth_find_user_by_email(text) OWNER TO fastnext_system;
ALTER FUNCTION app.auth_record_login_failure(uuid, integer, integer) OWNER TO fastnext_system;
ALTER FUNCTION app.auth_find_refresh_token(text) OWNER TO fastnext_system;
ALTER FUNCTION app.bump_access_version_for_user() OWNER TO fastnext_system;
ALTER FUNCTION app.bump_access_version_for_role() OWNER TO fastnext_system;
ALTER FUNCTION app.holds_any_role(uuid) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

REVOKE EXECUTE ON FUNCTION app.auth_find_user_by_email(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.auth_record_login_failure(uuid, integer, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.auth_find_refresh_token(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.bump_access_version_for_user() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.bump_access_version_for_role() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.holds_any_role(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.holds_any_role(uuid) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.auth_find_user_by_email(text) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.auth_record_login_failure(uuid, integer, integer) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.auth_find_refresh_token(text) TO fastnext_app;
