import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, isCurrentUser } from "../expressions";

const manager = hasPermission("role.manage");

/**
 * Who holds which role. A user sees their own, `user.read` and `role.manage` see all;
 * `role.manage` assigns and removes. A new user may give themself the default roles, once
 * (while they hold no role at all).
 */
export const access: TableAccess = defineTableAccess({
  table: "user_roles",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "DELETE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "user_roles_select",
      command: "select",
      using: `${isCurrentUser("user_id")} OR ${hasPermission("user.read")} OR ${manager}`,
    },
    {
      name: "user_roles_insert",
      command: "insert",
      withCheck: `${manager} OR (${isCurrentUser("user_id")} AND "role_id" = ANY (ARRAY(SELECT r.id FROM roles r WHERE r.is_default)) AND NOT (SELECT app.holds_any_role(app.current_user_id())))`,
    },
    {
      name: "user_roles_delete",
      command: "delete",
      using: manager,
    },
  ],
});
