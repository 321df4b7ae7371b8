import { SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";

/**
 * E-mails the worker sends: recipients and delivery state, system only.
 */
export const access: TableAccess = defineTableAccess({
  table: "outbound_emails",
  grants: {
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [],
});
