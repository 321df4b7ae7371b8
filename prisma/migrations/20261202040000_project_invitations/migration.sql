-- CreateEnum
CREATE TYPE "project_invitation_status" AS ENUM ('pending', 'accepted', 'declined', 'revoked');

-- CreateTable
CREATE TABLE "project_invitations" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "project_role" NOT NULL,
    "status" "project_invitation_status" NOT NULL DEFAULT 'pending',
    "invited_by_id" UUID,
    "token_hash" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" UUID,
    "declined_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,

    CONSTRAINT "project_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_invitations_token_hash_key" ON "project_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "project_invitations_project_id_status_created_at_idx" ON "project_invitations"("project_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "project_invitations_email_status_idx" ON "project_invitations"("email", "status");

-- CreateIndex
CREATE INDEX "project_invitations_invited_by_id_idx" ON "project_invitations"("invited_by_id");

-- AddForeignKey
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_invitations" ADD CONSTRAINT "project_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- At most one pending invitation per project and address: inviting the
-- same address again refreshes that one. Answered, revoked and expired
-- ones stay as history.
CREATE UNIQUE INDEX "project_invitations_one_pending_key" ON "project_invitations"("project_id", "email")
  WHERE "status" = 'pending';

-- ---------------------------------------------------------------------------
-- Helpers (owned by fastnext_system, fixed search_path)
-- ---------------------------------------------------------------------------
-- The signed-in caller's own address, for the invitee's side of the policies.
CREATE FUNCTION app.current_user_email() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT u.email FROM public.users u WHERE u.id = app.current_user_id() AND u.is_active
  $$;

-- Whether a pending, unexpired invitation offers the caller's address the
-- role p_role on p_project_id: what lets an invitee add themself.
CREATE FUNCTION app.invited_to(p_project_id uuid, p_role public.project_role) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT EXISTS (SELECT 1 FROM public.project_invitations i
                    WHERE i.project_id = p_project_id AND i.role = p_role AND i.status = 'pending'
                      AND i.expires_at > now() AND i.email = app.current_user_email())
  $$;

-- An invitation found by the hash of its link's secret, before anyone is
-- signed in: only what the invitee's page shows, and the state it is in.
CREATE FUNCTION app.find_project_invitation(p_token_hash text)
  RETURNS TABLE (invitation_id uuid, project_id uuid, project_name text, invited_by_id uuid, inviter_name text, email text,
                 role public.project_role, status public.project_invitation_status, expires_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT i.id, i.project_id, p.name, i.invited_by_id, u.name, i.email, i.role, i.status, i.expires_at
      FROM public.project_invitations i
      JOIN public.projects p ON p.id = i.project_id
      LEFT JOIN public.users u ON u.id = i.invited_by_id
     WHERE i.token_hash = p_token_hash
  $$;

-- An answered or revoked invitation is history: nothing changes it again.
-- Who, where and since when never change. A pending one may be refreshed
-- (role, expiry, a new link) only while it stays pending.
CREATE FUNCTION app.check_project_invitation_update() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF OLD.status <> 'pending' THEN
      RAISE EXCEPTION 'an answered or revoked invitation cannot change' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'project_invitations_final';
    END IF;
    IF NEW.project_id <> OLD.project_id OR NEW.email <> OLD.email OR NEW.created_at <> OLD.created_at
       OR NEW.invited_by_id IS DISTINCT FROM OLD.invited_by_id
       OR (NEW.status <> 'pending' AND (NEW.role <> OLD.role OR NEW.expires_at <> OLD.expires_at)) THEN
      RAISE EXCEPTION 'this change of an invitation is not allowed' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'project_invitations_final';
    END IF;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER project_invitations_check_update
  BEFORE UPDATE ON "project_invitations"
  FOR EACH ROW EXECUTE FUNCTION app.check_project_invitation_update();

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.current_user_email() OWNER TO fastnext_system;
ALTER FUNCTION app.invited_to(uuid, public.project_role) OWNER TO fastnext_system;
ALTER FUNCTION app.find_project_invitation(text) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

REVOKE EXECUTE ON FUNCTION app.current_user_email() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.invited_to(uuid, public.project_role) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.find_project_invitation(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.check_project_invitation_update() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.current_user_email() TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.invited_to(uuid, public.project_role) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.find_project_invitation(text) TO fastnext_app;

-- ---------------------------------------------------------------------------
-- Grants. Invitations are never deleted by the application (revoking keeps
-- the row). The link's hash is written by the worker, and cleared by a
-- refresh so an older link stops working at once.
-- ---------------------------------------------------------------------------
GRANT SELECT, INSERT ON TABLE "project_invitations" TO fastnext_app;
GRANT UPDATE ("role", "status", "token_hash", "expires_at", "sent_at", "accepted_at", "accepted_by_id",
              "declined_at", "revoked_at", "revoked_by_id") ON TABLE "project_invitations" TO fastnext_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "project_invitations" TO fastnext_system;

-- ---------------------------------------------------------------------------
-- Row Level Security. Owners (and project.manage_all) see and manage their
-- project's invitations. The invitee reaches theirs by the link's secret
-- (app.find_project_invitation) or, signed in, by their account's address,
-- and may only answer it.
-- ---------------------------------------------------------------------------
ALTER TABLE "project_invitations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "project_invitations" FORCE ROW LEVEL SECURITY;
CREATE POLICY project_invitations_select ON "project_invitations" FOR SELECT
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[])
         OR (SELECT app.has_permission('project.manage_all'))
         OR "email" = (SELECT app.current_user_email()));
CREATE POLICY project_invitations_insert ON "project_invitations" FOR INSERT
  WITH CHECK (("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[])
               OR (SELECT app.has_permission('project.manage_all')))
              AND "invited_by_id" = (SELECT app.current_user_id()) AND "status" = 'pending');
CREATE POLICY project_invitations_update ON "project_invitations" FOR UPDATE
  USING ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[])
         OR (SELECT app.has_permission('project.manage_all'))
         OR "email" = (SELECT app.current_user_email()))
  WITH CHECK ("project_id" = ANY ((SELECT app.my_project_ids('owner'))::uuid[])
              OR (SELECT app.has_permission('project.manage_all'))
              OR ("email" = (SELECT app.current_user_email()) AND "status" IN ('accepted', 'declined')
                  AND "accepted_by_id" IS NOT DISTINCT FROM
                      (CASE WHEN "status" = 'accepted' THEN (SELECT app.current_user_id()) END)));

-- The invitee adds themself, with the role offered, while the invitation is
-- pending: accepting inserts the membership and then spends the invitation
-- in one transaction.
CREATE POLICY project_members_insert_invited ON "project_members" FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()) AND app.invited_to("project_id", "role"));
