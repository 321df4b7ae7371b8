import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, hasPermission, inMyProjects, isCurrentUser } from "../expressions";

/** A member of the project (any role, viewers included) writing as themself. */
const ownAsMember = `${isCurrentUser("author_id")} AND ${inMyProjects("project_id", "viewer")}`;

/**
 * Comments on workflow instances. Readable like the project's instances; any member (viewer
 * and up, as for transitions) or a holder of project.manage_all comments as themself. Only the
 * author rewrites a comment (and only its text: no one else's words appear under their name),
 * and only while still a member; the author or project.manage_all (moderation) deletes one.
 */
export const access: TableAccess = defineTableAccess({
  table: "workflow_comments",
  grants: {
    [APP_ROLE]: {
      table: ["SELECT", "INSERT", "DELETE"],
      columns: { UPDATE: ["body", "mentioned_user_ids", "edited_at"] },
    },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "workflow_comments_select",
      command: "select",
      using: canReadProject("project_id"),
    },
    {
      name: "workflow_comments_insert",
      command: "insert",
      withCheck: `${isCurrentUser("author_id")} AND (${inMyProjects("project_id", "viewer")} OR ${hasPermission("project.manage_all")})`,
    },
    {
      name: "workflow_comments_update",
      command: "update",
      using: ownAsMember,
      withCheck: ownAsMember,
    },
    {
      name: "workflow_comments_delete",
      command: "delete",
      using: `(${ownAsMember}) OR ${hasPermission("project.manage_all")}`,
    },
  ],
});
