import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * Refresh tokens, their user's own.
 */
export const access: TableAccess = defineTableAccess({
  table: "refresh_tokens",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "UPDATE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "refresh_tokens_select",
      command: "select",
      using: own,
    },
    {
      name: "refresh_tokens_insert",
      command: "insert",
      withCheck: own,
    },
    {
      name: "refresh_tokens_update",
      command: "update",
      using: own,
      withCheck: own,
    },
  ],
});
