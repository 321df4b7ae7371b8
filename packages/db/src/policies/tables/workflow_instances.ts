import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects } from "../expressions";

const member = `${inMyProjects("project_id", "viewer")} OR ${hasPermission("project.manage_all")}`;

/**
 * Workflow instances of a project. Readable by its members, by every signed-in user for an
 * internal project, and with `project.read_all`; editors start them. Transitions update only
 * the state columns; any member may run one (the transition's own rules decide who, and a
 * trigger checks the columns).
 */
export const access: TableAccess = defineTableAccess({
  table: "workflow_instances",
  grants: {
    [APP_ROLE]: {
      table: ["SELECT", "INSERT"],
      columns: {
        UPDATE: [
          "assignee_id",
          "completed_at",
          "state",
          "state_entered_at",
          "updated_at",
          "version",
        ],
      },
    },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "workflow_instances_select",
      command: "select",
      using: canReadProject("project_id"),
    },
    {
      name: "workflow_instances_insert",
      command: "insert",
      withCheck: `${inMyProjects("project_id", "editor")} OR ${hasPermission("project.manage_all")}`,
    },
    {
      name: "workflow_instances_update",
      command: "update",
      using: member,
      withCheck: member,
    },
  ],
});
