import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission } from "../expressions";

const manager = hasPermission("role.manage");

/**
 * Roles: readable by everyone, changed with `role.manage`; the built-in (system) roles are never deleted.
 */
export const access: TableAccess = defineTableAccess({
  table: "roles",
  grants: {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "roles_select",
      command: "select",
      using: "true",
    },
    {
      name: "roles_insert",
      command: "insert",
      withCheck: manager,
    },
    {
      name: "roles_update",
      command: "update",
      using: manager,
      withCheck: manager,
    },
    {
      name: "roles_delete",
      command: "delete",
      using: `${manager} AND NOT "is_system"`,
    },
  ],
});
