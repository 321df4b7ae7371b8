import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { CURRENT_USER_ID, hasPermission, inMyProjects, isCurrentUser } from "../expressions";

const manager = `${inMyProjects("project_id", "owner")} OR ${hasPermission("project.manage_all")}`;
const invitee = `"email" = (SELECT app.current_user_email())`;

/**
 * Invitations to a project. Its owners (and `project.manage_all`) create and manage them;
 * the invitee, matched by e-mail, reads theirs and may only accept (as themself) or decline.
 * Which columns an update may touch in which state is checked by a trigger.
 */
export const access: TableAccess = defineTableAccess({
  table: "project_invitations",
  grants: {
    [APP_ROLE]: {
      table: ["SELECT", "INSERT"],
      columns: {
        UPDATE: [
          "accepted_at",
          "accepted_by_id",
          "declined_at",
          "expires_at",
          "revoked_at",
          "revoked_by_id",
          "role",
          "sent_at",
          "status",
          "token_hash",
        ],
      },
    },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "project_invitations_select",
      command: "select",
      using: `${manager} OR ${invitee}`,
    },
    {
      name: "project_invitations_insert",
      command: "insert",
      withCheck: `(${manager}) AND ${isCurrentUser("invited_by_id")} AND "status" = 'pending'`,
    },
    {
      name: "project_invitations_update",
      command: "update",
      using: `${manager} OR ${invitee}`,
      withCheck: `${manager} OR (${invitee} AND "status" IN ('accepted', 'declined') AND "accepted_by_id" IS NOT DISTINCT FROM CASE WHEN "status" = 'accepted' THEN ${CURRENT_USER_ID} END)`,
    },
  ],
});
