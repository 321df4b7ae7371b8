import { APP_ROLE } from "../../roles";
import { defineTableAccess, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects } from "../expressions";

const manageAll = hasPermission("project.manage_all");

/**
 * Which item an import row made. Read like the project; written by its
 * editors, who are the ones who import, in the same transaction as the
 * item. A key never changes and goes with its item (the foreign key's
 * cascade), so there is no UPDATE or DELETE.
 */
export const access: TableAccess = defineTableAccess({
  table: "workflow_import_keys",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT"] },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "workflow_import_keys_select",
      command: "select",
      using: `${canReadProject("project_id")} OR ${manageAll}`,
    },
    {
      name: "workflow_import_keys_insert",
      command: "insert",
      withCheck: `${inMyProjects("project_id", "editor")} OR ${manageAll}`,
    },
  ],
});
