import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission } from "../expressions";

const manager = hasPermission("system.manage");

/**
 * Platform-wide settings: readable by everyone, written with `system.manage`.
 */
export const access: TableAccess = defineTableAccess({
  table: "system_settings",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "UPDATE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "system_settings_select",
      command: "select",
      using: "true",
    },
    {
      name: "system_settings_insert",
      command: "insert",
      withCheck: manager,
    },
    {
      name: "system_settings_update",
      command: "update",
      using: manager,
      withCheck: manager,
    },
  ],
});
