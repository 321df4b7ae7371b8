import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, isCurrentUser } from "../expressions";

const selfOrManager = `${isCurrentUser("id")} OR ${hasPermission("user.manage")}`;

/**
 * Users. Rights are per column: secrets (password hash, second-factor secret and state) can be
 * written but never read back by the app (sign-in reads them through definer functions), and
 * `id`, `is_superuser`, `access_version`, `created_at` are never changed by it. A user reads
 * themself, their co-members and, with `user.read`, everyone; changes themself or, with
 * `user.manage`, anyone. A new column needs its own column grant here.
 */
export const access: TableAccess = defineTableAccess({
  table: "users",
  grants: {
    [APP_ROLE]: {
      table: ["INSERT"],
      columns: {
        SELECT: [
          "access_version",
          "avatar_url",
          "created_at",
          "email",
          "failed_login_count",
          "id",
          "is_active",
          "is_superuser",
          "last_login_at",
          "locale",
          "locked_until",
          "name",
          "password_changed_at",
          "settings",
          "time_zone",
          "two_factor_enabled",
          "updated_at",
        ],
        UPDATE: [
          "avatar_url",
          "email",
          "failed_login_count",
          "is_active",
          "last_login_at",
          "locale",
          "locked_until",
          "name",
          "password_changed_at",
          "password_hash",
          "settings",
          "time_zone",
          "two_factor_enabled",
          "two_factor_last_step",
          "two_factor_pending",
          "two_factor_secret",
          "updated_at",
        ],
      },
    },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "users_select",
      command: "select",
      // The co-member branch is the costly one: it comes last so reading yourself skips it.
      using: `${isCurrentUser("id")} OR ${hasPermission("user.read")} OR "id" = ANY ((SELECT app.co_member_ids())::uuid[])`,
    },
    {
      name: "users_insert",
      command: "insert",
      withCheck: selfOrManager,
    },
    {
      name: "users_update",
      command: "update",
      using: selfOrManager,
      withCheck: selfOrManager,
    },
  ],
});
