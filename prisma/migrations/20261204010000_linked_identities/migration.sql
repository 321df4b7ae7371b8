-- Sign-in with external identity providers (GitHub, Google, Entra ID, a
-- company's OIDC provider): the identities linked to each account, the
-- one-time codes that end a phone's or script's external sign-in, and
-- whether an account has a password at all (one made by an external
-- sign-in has none until it is reset, and may not lose its last identity).

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "has_password" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "linked_identities" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "email_at_link" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "linked_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_codes" (
    "id" UUID NOT NULL,
    "code_hash" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "user_id" UUID,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "code_challenge" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_codes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "linked_identities_user_id_created_at_idx" ON "linked_identities"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "linked_identities_provider_provider_account_id_key" ON "linked_identities"("provider", "provider_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "oauth_codes_code_hash_key" ON "oauth_codes"("code_hash");

-- CreateIndex
CREATE INDEX "oauth_codes_expires_at_idx" ON "oauth_codes"("expires_at");

-- AddForeignKey
ALTER TABLE "linked_identities" ADD CONSTRAINT "linked_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_codes" ADD CONSTRAINT "oauth_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Access of "linked_identities", rendered from packages/db/src/policies/tables/linked_identities.ts
-- (pnpm db:policy:sql linked_identities). Change the declaration, then render again.
GRANT SELECT, INSERT, DELETE ON TABLE "linked_identities" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "linked_identities" TO "fastnext_system";
ALTER TABLE "linked_identities" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "linked_identities" FORCE ROW LEVEL SECURITY;
CREATE POLICY "linked_identities_select" ON "linked_identities"
  FOR SELECT
  USING ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY "linked_identities_insert" ON "linked_identities"
  FOR INSERT
  WITH CHECK ("user_id" = (SELECT app.current_user_id()));
CREATE POLICY "linked_identities_delete" ON "linked_identities"
  FOR DELETE
  USING ("user_id" = (SELECT app.current_user_id()));

-- Access of "oauth_codes", rendered from packages/db/src/policies/tables/oauth_codes.ts
-- (pnpm db:policy:sql oauth_codes). Change the declaration, then render again.
GRANT INSERT ON TABLE "oauth_codes" TO "fastnext_app";
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "oauth_codes" TO "fastnext_system";
ALTER TABLE "oauth_codes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "oauth_codes" FORCE ROW LEVEL SECURITY;
CREATE POLICY "oauth_codes_insert" ON "oauth_codes"
  FOR INSERT
  WITH CHECK (("intent" = 'sign_in' AND "user_id" = (SELECT app.current_user_id())) OR ("intent" = 'link' AND "user_id" IS NULL));

-- has_password: read like the other account flags; written by its owner only
-- (a holder of user.manage could otherwise mark an account as having a
-- password and so let its last identity be removed).
GRANT SELECT ("has_password") ON TABLE "users" TO "fastnext_app";
GRANT UPDATE ("has_password") ON TABLE "users" TO "fastnext_app";

CREATE FUNCTION app.check_has_password_owner() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF app.current_user_id() IS NOT NULL AND app.current_user_id() <> OLD.id
       AND NEW.has_password IS DISTINCT FROM OLD.has_password THEN
      RAISE EXCEPTION 'only its owner changes whether an account has a password'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER users_has_password_owner
  BEFORE UPDATE OF "has_password" ON "users"
  FOR EACH ROW EXECUTE FUNCTION app.check_has_password_owner();

-- Sign-in helpers (no caller is known yet), in the shape of the identity
-- migration's: owned by fastnext_system, a fixed search_path, executable by
-- the app role only.

-- Whose account an external identity signs in, and whether it is active.
CREATE FUNCTION app.auth_find_identity(p_provider text, p_provider_account_id text)
  RETURNS TABLE (user_id uuid, is_active boolean)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT i.user_id, u.is_active
      FROM public.linked_identities i JOIN public.users u ON u.id = i.user_id
     WHERE i.provider = p_provider AND i.provider_account_id = p_provider_account_id
  $$;

-- Spends a one-time code: marks it used and returns it with the moment it
-- had been used before (NULL the first time). The row is locked, so of two
-- concurrent redemptions one sees the other's mark.
CREATE FUNCTION app.auth_redeem_oauth_code(p_code_hash text)
  RETURNS TABLE (intent text, user_id uuid, provider text, provider_account_id text, email text,
                 code_challenge text, redirect_uri text, expires_at timestamptz, used_before timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    WITH previous AS (
      SELECT c.id, c.used_at FROM public.oauth_codes c WHERE c.code_hash = p_code_hash FOR UPDATE
    ), spent AS (
      UPDATE public.oauth_codes c SET used_at = now()
        FROM previous p WHERE c.id = p.id AND p.used_at IS NULL
      RETURNING c.id
    )
    SELECT c.intent, c.user_id, c.provider, c.provider_account_id, c.email,
           c.code_challenge, c.redirect_uri, c.expires_at, p.used_at
      FROM public.oauth_codes c JOIN previous p ON p.id = c.id
  $$;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.auth_find_identity(text, text) OWNER TO fastnext_system;
ALTER FUNCTION app.auth_redeem_oauth_code(text) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.check_has_password_owner() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.auth_find_identity(text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.auth_redeem_oauth_code(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.auth_find_identity(text, text) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.auth_redeem_oauth_code(text) TO fastnext_app;
