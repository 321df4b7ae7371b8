-- Administration helpers that must see every user whatever the caller may
-- read: the "an active admin must remain" guard and the system statistics.
-- No table changes. Both are SECURITY DEFINER functions owned by
-- fastnext_system (BYPASSRLS) that check the caller's permissions
-- themselves, with a fixed search_path; only the app role may execute them.

-- Who counts as an administrator: an active user who is a superuser or
-- holds role.manage through one of their roles.
--
-- Called after a change that may remove administrators (role assignment,
-- role permissions, role deletion, deactivation), in the same transaction.
-- It first takes a transaction-level advisory lock, so such changes run
-- one after another from here on; being plpgsql, the count that follows
-- runs with a fresh snapshot (READ COMMITTED) and sees every change that
-- committed while this transaction waited. Two admins demoting each other
-- at the same moment therefore cannot both succeed.
CREATE FUNCTION app.admin_guard(p_actor uuid)
  RETURNS TABLE (actor_is_admin boolean, active_admins integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF NOT (app.has_permission('role.manage') OR app.has_permission('user.manage')) THEN
      RAISE EXCEPTION 'admin_guard needs role.manage or user.manage' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('fastnext'), hashtext('active_admins'));
    RETURN QUERY
      WITH admins AS (
        SELECT u.id
          FROM public.users u
         WHERE u.is_active
           AND (u.is_superuser
                OR u.id IN (SELECT ur.user_id
                              FROM public.user_roles ur
                              JOIN public.role_permissions rp ON rp.role_id = ur.role_id
                             WHERE rp.permission_key = 'role.manage'))
      )
      SELECT EXISTS (SELECT 1 FROM admins a WHERE a.id = p_actor), (SELECT count(*)::integer FROM admins);
  END
  $$;

-- Exact counts for the operator's dashboard, whatever else the caller may
-- read (a system.read holder need not see every user or project). Returns
-- one JSON object of sections, so a section can be added without changing
-- the function's signature.
CREATE FUNCTION app.system_stats() RETURNS jsonb
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF NOT app.has_permission('system.read') THEN
      RAISE EXCEPTION 'system_stats needs system.read' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN jsonb_build_object(
      'users', (SELECT jsonb_build_object('total', count(*), 'active', count(*) FILTER (WHERE u.is_active))
                  FROM public.users u),
      'sessions', (SELECT jsonb_build_object('active', count(*))
                     FROM public.sessions s
                    WHERE s.revoked_at IS NULL AND s.expires_at > now()),
      'projects', (SELECT jsonb_build_object('total', count(*),
                                             'archived', count(*) FILTER (WHERE p.archived_at IS NOT NULL))
                     FROM public.projects p),
      'workflowInstances', (SELECT jsonb_build_object('total', count(*),
                                                      'open', count(*) FILTER (WHERE w.completed_at IS NULL))
                              FROM public.workflow_instances w)
    );
  END
  $$;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.admin_guard(uuid) OWNER TO fastnext_system;
ALTER FUNCTION app.system_stats() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;

REVOKE EXECUTE ON FUNCTION app.admin_guard(uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION app.system_stats() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.admin_guard(uuid) TO fastnext_app;
GRANT EXECUTE ON FUNCTION app.system_stats() TO fastnext_app;
