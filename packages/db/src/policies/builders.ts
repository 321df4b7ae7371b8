import { APP_ROLE, SYSTEM_ROLE } from "../roles";
import {
  defineTableAccess,
  TABLE_PRIVILEGES,
  type AccessPolicy,
  type RoleGrant,
  type TableAccess,
  type TablePrivilege,
} from "./access";
import {
  canReadProject,
  hasPermission,
  inMyProjects,
  isCurrentUser,
  SIGNED_IN,
  type ProjectRole,
} from "./expressions";

/** What every builder takes besides its scope. */
export interface ScopeOptions {
  table: string;
  /**
   * Privileges for `fastnext_system` (system jobs: BYPASSRLS, so policies
   * do not bind it). None by default: a new table is the app's only.
   */
  system?: readonly TablePrivilege[];
}

/** The row rule of each command (USING, and WITH CHECK for writes). */
interface CommandRules {
  select: string;
  insert: string;
  update: string;
  delete: string;
}

// ENABLE + FORCE, every command granted to the app role, one policy per
// command named `<table>_<command>`, WITH CHECK on INSERT and UPDATE (an
// update may not move a row out of the caller's reach).
function scoped({ table, system }: ScopeOptions, rules: CommandRules): TableAccess {
  const grants: Partial<Record<typeof APP_ROLE | typeof SYSTEM_ROLE, RoleGrant>> = {
    [APP_ROLE]: { table: TABLE_PRIVILEGES },
  };
  if (system?.length) grants[SYSTEM_ROLE] = { table: system };
  const policies: AccessPolicy[] = [
    { name: `${table}_select`, command: "select", using: rules.select },
    { name: `${table}_insert`, command: "insert", withCheck: rules.insert },
    { name: `${table}_update`, command: "update", using: rules.update, withCheck: rules.update },
    { name: `${table}_delete`, command: "delete", using: rules.delete },
  ];
  return defineTableAccess({ table, grants, rls: { enabled: true, forced: true }, policies });
}

/**
 * Rows belong to a project (`projectColumn`): whoever may read the project
 * reads them (its members, everyone signed in when it is internal, holders
 * of `project.read_all`), editors insert and update, owners delete; holders
 * of `project.manage_all` may do all of it in every project.
 */
export function projectScoped(options: ScopeOptions & { projectColumn?: string }): TableAccess {
  const column = options.projectColumn ?? "project_id";
  const member = (role: ProjectRole) =>
    `${inMyProjects(column, role)} OR ${hasPermission("project.manage_all")}`;
  return scoped(options, {
    select: `${canReadProject(column)} OR ${hasPermission("project.manage_all")}`,
    insert: member("editor"),
    update: member("editor"),
    delete: member("owner"),
  });
}

/** Rows belong to the user whose id is in `ownerColumn`: only they see or change them. */
export function ownerScoped(options: ScopeOptions & { ownerColumn?: string }): TableAccess {
  const own = isCurrentUser(options.ownerColumn ?? "owner_id");
  return scoped(options, { select: own, insert: own, update: own, delete: own });
}

/** Any signed-in user reads; holders of `writePermission` insert, update and delete. */
export function publicRead(options: ScopeOptions & { writePermission: string }): TableAccess {
  const writer = hasPermission(options.writePermission);
  return scoped(options, { select: SIGNED_IN, insert: writer, update: writer, delete: writer });
}
