import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * In-app notifications, written by the worker; their user reads them and marks them read.
 */
export const access: TableAccess = defineTableAccess({
  table: "notifications",
  grants: {
    [APP_ROLE]: { table: ["SELECT"], columns: { UPDATE: ["read_at"] } },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "notifications_select",
      command: "select",
      using: own,
    },
    {
      name: "notifications_update",
      command: "update",
      using: own,
      withCheck: own,
    },
  ],
});
