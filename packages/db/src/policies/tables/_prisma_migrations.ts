import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, type TableAccess } from "../access";

/**
 * Prisma's migration ledger: the readiness check reads which migrations ran. It holds no
 * user data, so RLS is off.
 */
export const access: TableAccess = defineTableAccess({
  table: "_prisma_migrations",
  grants: {
    [APP_ROLE]: { table: ["SELECT"] },
    [SYSTEM_ROLE]: { table: ["SELECT"] },
  },
  rls: { enabled: false, forced: false },
  policies: [],
});
