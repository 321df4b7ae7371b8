import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * Password reset tokens, the requesting user's own.
 */
export const access: TableAccess = defineTableAccess({
  table: "password_reset_tokens",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "UPDATE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "password_reset_tokens_select",
      command: "select",
      using: own,
    },
    {
      name: "password_reset_tokens_insert",
      command: "insert",
      withCheck: own,
    },
    {
      name: "password_reset_tokens_update",
      command: "update",
      using: own,
      withCheck: own,
    },
  ],
});
