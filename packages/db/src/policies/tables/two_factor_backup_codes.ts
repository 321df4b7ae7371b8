import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * Second-factor backup codes, their user's own. Its policies are named `backup_codes_*`.
 */
export const access: TableAccess = defineTableAccess({
  table: "two_factor_backup_codes",
  grants: {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "backup_codes_select",
      command: "select",
      using: own,
    },
    {
      name: "backup_codes_insert",
      command: "insert",
      withCheck: own,
    },
    {
      name: "backup_codes_update",
      command: "update",
      using: own,
      withCheck: own,
    },
    {
      name: "backup_codes_delete",
      command: "delete",
      using: own,
    },
  ],
});
