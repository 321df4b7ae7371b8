import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects, SIGNED_IN } from "../expressions";

// An installation-wide template (no project) is every signed-in user's to read and
// workflow.manage's to write. A project's own template is read by whoever may read the
// project (its instances show it) and written by the project's owners, by project.manage_all
// and by workflow.manage, which keeps its say over every process of the installation.
const reader = `("project_id" IS NULL AND ${SIGNED_IN}) OR ${canReadProject("project_id")} OR ("project_id" IS NOT NULL AND ${hasPermission("project.manage_all")})`;
const writer = `${hasPermission("workflow.manage")} OR ${inMyProjects("project_id", "owner")} OR ("project_id" IS NOT NULL AND ${hasPermission("project.manage_all")})`;

/**
 * Workflow templates, installation-wide or of one project (`project_id`). A trigger keeps a
 * template's project fixed, so a write allowed in one scope cannot move it to another.
 */
export const access: TableAccess = defineTableAccess({
  table: "workflow_templates",
  grants: {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    { name: "workflow_templates_select", command: "select", using: reader },
    { name: "workflow_templates_insert", command: "insert", withCheck: writer },
    { name: "workflow_templates_update", command: "update", using: writer, withCheck: writer },
    { name: "workflow_templates_delete", command: "delete", using: writer },
  ],
});
