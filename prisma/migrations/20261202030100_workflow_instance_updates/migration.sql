-- Workflow instances change only the way the services change them.
--
-- A transition (any member of the project, or project.manage_all: the
-- template then decides which roles may fire which transition, so the row
-- policy stays as it is) sets the state, version and state timestamps. An
-- assignment (editors and owners, or project.manage_all) sets the assignee
-- to a member of the project, or to nobody, and bumps the version. Nothing
-- changes an instance's project, template, title, data or creator once it
-- exists: the application role may update only the columns above, and a
-- trigger keeps project and template fixed for every role.
REVOKE UPDATE ON TABLE "workflow_instances" FROM fastnext_app;
GRANT UPDATE ("state", "version", "state_entered_at", "completed_at", "assignee_id", "updated_at")
  ON TABLE "workflow_instances" TO fastnext_app;

-- Runs as its owner so that the assignee's membership is checked whatever
-- the caller may read. Unscoped sessions (the system login, which bypasses
-- RLS and acts for nobody) are not held to a caller's project role.
CREATE FUNCTION app.check_workflow_instance_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog
  AS $$
  BEGIN
    IF NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.template_id IS DISTINCT FROM OLD.template_id THEN
      RAISE EXCEPTION 'a workflow instance keeps its project and template' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'workflow_instances_fixed_project';
    END IF;
    IF NEW.assignee_id IS DISTINCT FROM OLD.assignee_id AND app.current_user_id() IS NOT NULL THEN
      IF NOT (OLD.project_id = ANY (app.my_project_ids('editor')) OR app.has_permission('project.manage_all')) THEN
        RAISE EXCEPTION 'assigning a workflow instance needs editor or owner on its project'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.assignee_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM public.project_members m
            WHERE m.project_id = OLD.project_id AND m.user_id = NEW.assignee_id) THEN
        RAISE EXCEPTION 'only members of the project can be assigned' USING ERRCODE = 'check_violation',
          CONSTRAINT = 'workflow_instances_assignee_member';
      END IF;
    END IF;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER workflow_instances_check_update BEFORE UPDATE ON "workflow_instances"
  FOR EACH ROW EXECUTE FUNCTION app.check_workflow_instance_update();

GRANT CREATE ON SCHEMA app TO fastnext_system;
ALTER FUNCTION app.check_workflow_instance_update() OWNER TO fastnext_system;
REVOKE CREATE ON SCHEMA app FROM fastnext_system;
REVOKE EXECUTE ON FUNCTION app.check_workflow_instance_update() FROM PUBLIC;
