import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, isCurrentUser } from "../expressions";

const ownOrManager = `${isCurrentUser("user_id")} OR ${hasPermission("user.manage")}`;

/**
 * Sign-in sessions: their user's own; `user.manage` sees and revokes anyone's. Never deleted by the app.
 */
export const access: TableAccess = defineTableAccess({
  table: "sessions",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "UPDATE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "sessions_select",
      command: "select",
      using: ownOrManager,
    },
    {
      name: "sessions_insert",
      command: "insert",
      withCheck: isCurrentUser("user_id"),
    },
    {
      name: "sessions_update",
      command: "update",
      using: ownOrManager,
      withCheck: ownOrManager,
    },
  ],
});
