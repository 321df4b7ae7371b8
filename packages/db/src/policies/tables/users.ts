import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, isCurrentUser, quoteIdent } from "../expressions";

const selfOrManager = `${isCurrentUser("id")} OR ${hasPermission("user.manage")}`;

/**
 * True when the user in `column` is a member of one of the caller's projects. It asks about
 * the row at hand only (that user's memberships, by the (user_id, project_id) index) rather
 * than building the caller's whole co-member set, which for a member of 200 projects is
 * thousands of users read to show ten names. `ARRAY(subquery) &&` keeps it a per-row
 * subplan: an EXISTS or IN would let the planner choose to hash that whole set again. The
 * memberships are read under project_members' own policy, which shows every membership of
 * the caller's projects, so the answer is the same as over the whole table.
 */
function sharesAProject(column: string): string {
  return `(SELECT app.my_project_ids('viewer')) && ARRAY(SELECT m.project_id FROM public.project_members m WHERE m.user_id = ${quoteIdent("users")}.${quoteIdent(column)})`;
}

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
          "has_password",
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
          "has_password",
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
      using: `${isCurrentUser("id")} OR ${hasPermission("user.read")} OR ${sharesAProject("id")}`,
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
