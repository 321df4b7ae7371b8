/**
 * The SQL fragments policies are built from. Each reads the caller once per
 * statement: a bare function call in a policy runs per row, the same call
 * wrapped in `(SELECT ...)` becomes an init plan evaluated once (measured in
 * docs/architecture.md, "What RLS costs").
 */

export type ProjectRole = "owner" | "editor" | "viewer";

/** A name quoted for SQL, whatever it holds. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal for SQL, whatever it holds. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The signed-in caller's id, NULL when there is none. */
export const CURRENT_USER_ID = "(SELECT app.current_user_id())";

/** True when a user is signed in. */
export const SIGNED_IN = `${CURRENT_USER_ID} IS NOT NULL`;

/** True when the caller holds the permission (in the request's permission set). */
export function hasPermission(permission: string): string {
  return `(SELECT app.has_permission(${quoteLiteral(permission)}))`;
}

/** True when `column` holds the caller's id. */
export function isCurrentUser(column: string): string {
  return `${quoteIdent(column)} = ${CURRENT_USER_ID}`;
}

/**
 * True when `column` is a project the caller belongs to with at least
 * `role`. The array is computed once per statement by a definer function
 * (a policy cannot query its own table), and `= ANY(array)` keeps the index
 * on `column` usable: the shape measured fastest.
 */
export function inMyProjects(column: string, role: ProjectRole): string {
  return `${quoteIdent(column)} = ANY ((SELECT app.my_project_ids(${quoteLiteral(role)}))::uuid[])`;
}

/**
 * True when `column` is an internal project: every signed-in user reads
 * those (the projects table's own read rule).
 */
export function inInternalProjects(column: string): string {
  return `${quoteIdent(column)} = ANY ((SELECT app.internal_project_ids())::uuid[])`;
}

/**
 * Who reads a row of a project: its members, any signed-in user when the
 * project is internal, and holders of `project.read_all`. The same rule as
 * the project itself, so a caller who may open a project sees its rows.
 */
export function canReadProject(column: string): string {
  return `${inMyProjects(column, "viewer")} OR ${inInternalProjects(column)} OR ${hasPermission("project.read_all")}`;
}
