import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission } from "../expressions";

const manager = hasPermission("role.manage");

/**
 * Which permissions each role grants: readable by everyone, changed with `role.manage`.
 */
export const access: TableAccess = defineTableAccess({
  table: "role_permissions",
  grants: {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "role_permissions_select",
      command: "select",
      using: "true",
    },
    {
      name: "role_permissions_insert",
      command: "insert",
      withCheck: manager,
    },
    {
      name: "role_permissions_update",
      command: "update",
      using: manager,
      withCheck: manager,
    },
    {
      name: "role_permissions_delete",
      command: "delete",
      using: manager,
    },
  ],
});
