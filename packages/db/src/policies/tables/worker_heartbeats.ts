import { SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";

/**
 * Heartbeats of running workers, written and read by the system only.
 */
export const access: TableAccess = defineTableAccess({
  table: "worker_heartbeats",
  grants: {
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [],
});
