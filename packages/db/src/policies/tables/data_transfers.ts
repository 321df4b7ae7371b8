import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { canReadProject, isCurrentUser } from "../expressions";

const own = isCurrentUser("requested_by");

/**
 * Exports and imports. A user sees only their own; they ask for one (queued,
 * in a project they can open, or in none) and may only cancel it after that.
 * The worker's system login keeps the rest of the row: status, progress,
 * the stored file, the result.
 */
export const access: TableAccess = defineTableAccess({
  table: "data_transfers",
  grants: {
    [APP_ROLE]: {
      table: ["SELECT", "INSERT"],
      columns: { UPDATE: ["status", "finished_at", "updated_at"] },
    },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    { name: "data_transfers_select", command: "select", using: own },
    {
      name: "data_transfers_insert",
      command: "insert",
      withCheck: `${own} AND "status" = 'queued' AND ("project_id" IS NULL OR ${canReadProject("project_id")})`,
    },
    {
      name: "data_transfers_update",
      command: "update",
      using: own,
      withCheck: `${own} AND "status" = 'cancelled'`,
    },
  ],
});
