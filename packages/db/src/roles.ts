/**
 * The role the application logs in as. Migrations grant it exactly what it
 * needs; it is never owner, superuser or BYPASSRLS, so RLS policies bind it.
 */
export const APP_ROLE = "fastnext_app";

/** Default owner role created by provisioning (embedded server, tests). */
export const OWNER_ROLE = "fastnext_owner";

/**
 * BYPASSRLS (never superuser) role of system jobs, and owner of the few
 * SECURITY DEFINER sign-in helpers. Reached only through `@fastnext/db/system`.
 */
export const SYSTEM_ROLE = "fastnext_system";
