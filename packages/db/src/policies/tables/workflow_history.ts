import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects, isCurrentUser } from "../expressions";

/**
 * The audit trail of workflow transitions: append-only. Readable like the project's
 * instances; any member (viewer and up) records a transition as themself.
 */
export const access: TableAccess = defineTableAccess({
  table: "workflow_history",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "workflow_history_select",
      command: "select",
      using: canReadProject("project_id"),
    },
    {
      name: "workflow_history_insert",
      command: "insert",
      withCheck: `${isCurrentUser("actor_id")} AND (${inMyProjects("project_id", "viewer")} OR ${hasPermission("project.manage_all")})`,
    },
  ],
});
