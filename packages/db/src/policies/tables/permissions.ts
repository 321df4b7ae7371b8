import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";

/**
 * The permission catalogue: readable by everyone, written by migrations only.
 */
export const access: TableAccess = defineTableAccess({
  table: "permissions",
  grants: {
    [APP_ROLE]: { table: ["SELECT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "permissions_select",
      command: "select",
      using: "true",
    },
  ],
});
