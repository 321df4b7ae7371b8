import { SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";

/**
 * Which handler has completed which event: the worker's own bookkeeping, system only.
 */
export const access: TableAccess = defineTableAccess({
  table: "event_handler_runs",
  grants: {
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [],
});
