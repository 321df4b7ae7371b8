import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

/**
 * The outbox of domain events. The app may only insert an event as itself, and only its
 * name and payload (the rest are defaults). The worker reads and dispatches as the system.
 */
export const access: TableAccess = defineTableAccess({
  table: "domain_events",
  grants: {
    [APP_ROLE]: { columns: { INSERT: ["id", "name", "payload"] } },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "domain_events_insert",
      command: "insert",
      withCheck: isCurrentUser("actor_id"),
    },
  ],
});
