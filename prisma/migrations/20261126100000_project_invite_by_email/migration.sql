-- Owners add people to a project by e-mail address.
--
-- Users are visible only to themselves, to co-members and to holders of
-- user.read, so a project owner cannot look up someone they do not share a
-- project with yet. app.project_invitee_id answers one question for the
-- caller — which active account uses this exact address — and only when the
-- caller may manage the project's members (owner, or project.manage_all).
-- Everyone else gets NULL, the same answer as for an unknown address.
CREATE FUNCTION app.project_invitee_id(p_project_id uuid, p_email text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
    SELECT u.id FROM public.users u
     WHERE u.email = lower(btrim(p_email)) AND u.is_active
       AND (p_project_id = ANY (app.my_project_ids('owner')) OR app.has_permission('project.manage_all'))
  $$;

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.project_invitee_id(uuid, text) OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.project_invitee_id(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.project_invitee_id(uuid, text) TO fastnext_app;
