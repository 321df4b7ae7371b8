-- A user's credentials are read by that user only.
--
-- A users row is visible to its owner, to user.read holders and to the
-- owner's co-members, and a row policy cannot hide single columns. Column
-- privileges can: the application role may read every column of users but
-- the password hash and the two-factor secrets (the active one, the one
-- waiting for confirmation, and the step of the last accepted code). A query
-- that asks for them, or for every column (a Prisma read without `select`),
-- fails with "permission denied" whoever's row it is.
-- The owner's own code paths read them through app.my_credentials and
-- record an accepted code's step through app.record_totp_step. Writing them
-- stays a plain UPDATE in the owner's transaction (UPDATE needs no SELECT
-- right on the columns it sets).
-- A column added to users later needs a SELECT grant of its own, in its migration.
REVOKE SELECT ON TABLE "users" FROM fastnext_app;
GRANT SELECT ("id", "email", "name", "is_active", "is_superuser", "failed_login_count", "locked_until",
              "last_login_at", "created_at", "updated_at", "access_version", "avatar_url", "locale", "time_zone",
              "settings", "password_changed_at", "two_factor_enabled") ON TABLE "users" TO fastnext_app;

-- The calling user's own credentials: no row when nobody is signed in.
CREATE FUNCTION app.my_credentials()
  RETURNS TABLE (password_hash text, two_factor_secret text, two_factor_pending text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT u.password_hash, u.two_factor_secret, u.two_factor_pending
      FROM public.users u
     WHERE u.id = app.current_user_id()
  $$;

-- Records the time step of a TOTP code just accepted for the calling user,
-- only if it is later than the last one recorded: true when it was. One
-- conditional update, so of two uses of the same code only one wins.
CREATE FUNCTION app.record_totp_step(p_step integer) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    WITH recorded AS (
      UPDATE public.users u
         SET two_factor_last_step = p_step, updated_at = now()
       WHERE u.id = app.current_user_id()
         AND (u.two_factor_last_step IS NULL OR u.two_factor_last_step < p_step)
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM recorded)
  $$;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.my_credentials() OWNER TO fastnext_system;
ALTER FUNCTION app.record_totp_step(integer) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.my_credentials() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.record_totp_step(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.my_credentials() TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.record_totp_step(integer) TO fastnext_app;
