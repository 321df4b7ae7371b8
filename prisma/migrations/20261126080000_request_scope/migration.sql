-- One round trip to start a signed-in request.
--
-- app.begin_request sets the caller's settings for the transaction
-- (user id, permissions, request id) and answers, in the same statement,
-- what the API must re-check on every request: is the account active, is
-- the session still open, and has anything changed the caller's access
-- (access_version) since the permission set it holds was loaded. The API
-- keeps permission sets in memory and reloads one only when its version
-- moved, so a role change is seen at the caller's next request.
CREATE FUNCTION app.begin_request(p_user_id uuid, p_session_id uuid, p_permissions text, p_request_id text)
  RETURNS TABLE (is_active boolean, is_superuser boolean, access_version integer, session_valid boolean)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    PERFORM set_config('app.user_id', p_user_id::text, true),
            set_config('app.permissions', coalesce(p_permissions, ''), true),
            set_config('app.request_id', coalesce(p_request_id, ''), true);
    RETURN QUERY
      SELECT u.is_active, u.is_superuser, u.access_version,
             EXISTS (SELECT 1 FROM public.sessions s
                      WHERE s.id = p_session_id AND s.user_id = u.id
                        AND s.revoked_at IS NULL AND s.expires_at > now())
        FROM public.users u
       WHERE u.id = p_user_id;
  END
  $$;

-- Superuser status is part of the permission set: changing it moves the version.
CREATE FUNCTION app.bump_access_version_on_superuser() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF NEW.is_superuser IS DISTINCT FROM OLD.is_superuser THEN
      NEW.access_version := OLD.access_version + 1;
    END IF;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER users_superuser_access_version BEFORE UPDATE OF is_superuser ON "users"
  FOR EACH ROW EXECUTE FUNCTION app.bump_access_version_on_superuser();

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.begin_request(uuid, uuid, text, text) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.begin_request(uuid, uuid, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.bump_access_version_on_superuser() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.begin_request(uuid, uuid, text, text) TO fastnext_app;
