import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { hasPermission, isCurrentUser } from "../expressions";

/**
 * The activity trail: append-only for the app (no UPDATE or DELETE). Each user reads their
 * own entries, `activity.read_all` every entry; the system purges old ones.
 */
export const access: TableAccess = defineTableAccess({
  table: "activities",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "activities_select",
      command: "select",
      using: `${isCurrentUser("actor_id")} OR ${hasPermission("activity.read_all")}`,
    },
    {
      name: "activities_insert",
      command: "insert",
      withCheck: isCurrentUser("actor_id"),
    },
  ],
});
