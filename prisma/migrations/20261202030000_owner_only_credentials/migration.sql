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
-- right on the columns it sets), and a trigger keeps it the owner's.
-- A column added to users later needs a SELECT grant of its own, in its migration.
REVOKE SELECT ON TABLE "users" FROM fastnext_app;
GRANT SELECT ("id", "email", "name", "is_active", "is_superuser", "failed_login_count", "locked_until",
              "last_login_at", "created_at", "updated_at", "access_version", "avatar_url", "locale", "time_zone",
              "settings", "password_changed_at", "two_factor_enabled") ON TABLE "users" TO fastnext_app;

-- Only the owner writes them, too: a holder of user.manage may change a
-- user's name or e-mail, never set a password or a second factor they would
-- then know. Sessions with no caller (the system login) are not held to it:
-- an application connection with no caller can update no row at all.
CREATE FUNCTION app.check_credentials_owner() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF app.current_user_id() IS NOT NULL AND app.current_user_id() <> OLD.id
       AND (NEW.password_hash IS DISTINCT FROM OLD.password_hash
            OR NEW.two_factor_secret IS DISTINCT FROM OLD.two_factor_secret
            OR NEW.two_factor_pending IS DISTINCT FROM OLD.two_factor_pending
            OR NEW.two_factor_last_step IS DISTINCT FROM OLD.two_factor_last_step) THEN
      RAISE EXCEPTION 'only its owner sets an account''s password or second factor'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER users_credentials_owner
  BEFORE UPDATE OF "password_hash", "two_factor_secret", "two_factor_pending", "two_factor_last_step" ON "users"
  FOR EACH ROW EXECUTE FUNCTION app.check_credentials_owner();

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
REVOKE EXECUTE ON FUNCTION app.check_credentials_owner() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.my_credentials() TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.record_totp_step(integer) TO fastnext_app;
