import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * Earlier password hashes of a user (no reuse): append-only, their user's own.
 */
export const access: TableAccess = defineTableAccess({
  table: "password_history",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "password_history_select",
      command: "select",
      using: own,
    },
    {
      name: "password_history_insert",
      command: "insert",
      withCheck: own,
    },
  ],
});
