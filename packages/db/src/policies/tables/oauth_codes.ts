import { APP_ROLE, SYSTEM_ROLE } from "../../roles";
import { defineTableAccess, TABLE_PRIVILEGES, type TableAccess } from "../access";
import { isCurrentUser } from "../expressions";

/**
 * One-time codes of the phone and script sign-in (authorization code with PKCE). The app
 * only issues them: a sign-in code for the user the transaction acts as, or a link code
 * (no user: it links to whoever redeems it, signed in). It never reads them back; a code is
 * redeemed, once, through `app.auth_redeem_oauth_code`, and expired ones are the system's
 * to purge.
 */
export const access: TableAccess = defineTableAccess({
  table: "oauth_codes",
  grants: {
    [APP_ROLE]: { table: ["INSERT"] },
    [SYSTEM_ROLE]: { table: TABLE_PRIVILEGES },
  },
  rls: { enabled: true, forced: true },
  policies: [
    {
      name: "oauth_codes_insert",
      command: "insert",
      withCheck: `("intent" = 'sign_in' AND ${isCurrentUser("user_id")}) OR ("intent" = 'link' AND "user_id" IS NULL)`,
    },
  ],
});
