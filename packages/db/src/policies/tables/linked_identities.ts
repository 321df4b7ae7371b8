import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

const own = isCurrentUser("user_id");

/**
 * External identities (GitHub, Google, Entra ID, OIDC) that sign a user in, their user's own:
 * listed, linked and removed by that user only. Signing in with one, before a caller exists,
 * looks it up through `app.auth_find_identity`.
 */
export const access: TableAccess = defineTableAccess({
  table: "linked_identities",
  grants: {
    [APP_ROLE]: { table: ["SELECT", "INSERT", "DELETE"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    { name: "linked_identities_select", command: "select", using: own },
    { name: "linked_identities_insert", command: "insert", withCheck: own },
    { name: "linked_identities_delete", command: "delete", using: own },
  ],
});
