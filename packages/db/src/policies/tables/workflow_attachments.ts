import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects, isCurrentUser } from "../expressions";

const manageAll = hasPermission("project.manage_all");

/**
 * Files on workflow instances. Read like the instance they belong to (so a
 * download is allowed exactly when the instance is); editors attach files
 * as themselves; the uploader, while still a member, or the project's
 * owners remove one. Rows never change: a new version is a new file.
 */
export const access: TableAccess = defineTableAccess({
  table: "workflow_attachments",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "DELETE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "workflow_attachments_select",
      command: "select",
      using: canReadProject("project_id"),
    },
    {
      name: "workflow_attachments_insert",
      command: "insert",
      withCheck: `${isCurrentUser("uploader_id")} AND (${inMyProjects("project_id", "editor")} OR ${manageAll})`,
    },
    {
      name: "workflow_attachments_delete",
      command: "delete",
      using: `(${isCurrentUser("uploader_id")} AND ${inMyProjects("project_id", "viewer")}) OR ${inMyProjects("project_id", "owner")} OR ${manageAll}`,
    },
  ],
});
