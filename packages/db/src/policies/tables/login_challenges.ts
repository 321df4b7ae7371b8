import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * Second-factor sign-in challenges, the signing-in user's own.
 */
export const access: TableAccess = defineTableAccess({
  table: "login_challenges",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "UPDATE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "login_challenges_select",
      command: "select",
      using: own,
    },
    {
      name: "login_challenges_insert",
      command: "insert",
      withCheck: own,
    },
    {
      name: "login_challenges_update",
      command: "update",
      using: own,
      withCheck: own,
    },
  ],
});
