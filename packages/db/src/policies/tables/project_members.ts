import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects, isCurrentUser } from "../expressions";

const manager = `${inMyProjects("project_id", "owner")} OR ${hasPermission("project.manage_all")}`;

/**
 * Project membership. Members see their projects' members (internal projects' too); owners
 * and `project.manage_all` manage them; a member may leave. A user may join as owner only a
 * project nobody owns yet (the one they just created), or with a role they were invited to.
 */
export const access: TableAccess = defineTableAccess({
  table: "project_members",
  grants: {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "project_members_select",
      command: "select",
      using: canReadProject("project_id"),
    },
    {
      name: "project_members_insert",
      command: "insert",
      withCheck: `${manager} OR (${isCurrentUser("user_id")} AND "role" = 'owner' AND app.project_unclaimed("project_id"))`,
    },
    {
      name: "project_members_insert_invited",
      command: "insert",
      withCheck: `${isCurrentUser("user_id")} AND app.invited_to("project_id", "role")`,
    },
    {
      name: "project_members_update",
      command: "update",
      using: manager,
      withCheck: manager,
    },
    {
      name: "project_members_delete",
      command: "delete",
      using: `${manager} OR ${isCurrentUser("user_id")}`,
    },
  ],
});
