import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, inMyProjects, isCurrentUser, SIGNED_IN } from "../expressions";

const editor = `${inMyProjects("id", "editor")} OR ${hasPermission("project.manage_all")}`;

/**
 * Projects. Members read theirs, every signed-in user reads internal ones, `project.read_all`
 * reads all; editors update, owners delete, `project.manage_all` does both anywhere. Creating
 * needs `project.create` (or `project.manage_all`) and records the creator.
 */
export const access: TableAccess = defineTableAccess({
  table: "projects",
  grants: {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "projects_select",
      command: "select",
      using: `${inMyProjects("id", "viewer")} OR ("visibility" = 'internal' AND ${SIGNED_IN}) OR ${hasPermission("project.read_all")}`,
    },
    {
      name: "projects_insert",
      command: "insert",
      withCheck: `${isCurrentUser("created_by_id")} AND (${hasPermission("project.create")} OR ${hasPermission("project.manage_all")})`,
    },
    {
      name: "projects_update",
      command: "update",
      using: editor,
      withCheck: editor,
    },
    {
      name: "projects_delete",
      command: "delete",
      using: `${inMyProjects("id", "owner")} OR ${hasPermission("project.manage_all")}`,
    },
  ],
});
