import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * Idempotency keys belong to the caller; only the stored answer may change.
 */
export const access: TableAccess = defineTableAccess({
  table: "idempotency_keys",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT"], columns: { UPDATE: ["answer"] } },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "idempotency_keys_select",
      command: "select",
      using: own,
    },
    {
      name: "idempotency_keys_insert",
      command: "insert",
      withCheck: own,
    },
    {
      name: "idempotency_keys_update",
      command: "update",
      using: own,
      withCheck: own,
    },
  ],
});
