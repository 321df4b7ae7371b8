import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects } from "../expressions";

const manager = `${inMyProjects("project_id", "owner")} OR ${hasPermission("project.manage_all")}`;

/**
 * Installation templates a project turned off. Whoever reads the project reads them (its
 * template picker leaves them out); its owners and `project.manage_all` turn a template off
 * (insert) and on again (delete). A row never changes, so there is no UPDATE.
 */
export const access: TableAccess = defineTableAccess({
  table: "project_disabled_templates",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "DELETE"] },
    [SYSTEM_ROLE]: { table: ["SELECT", "INSERT", "DELETE"] },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "project_disabled_templates_select",
      command: "select",
      using: `${canReadProject("project_id")} OR ${hasPermission("project.manage_all")}`,
    },
    { name: "project_disabled_templates_insert", command: "insert", withCheck: manager },
    { name: "project_disabled_templates_delete", command: "delete", using: manager },
  ],
});
