export {
  COLUMN_PRIVILEGES,
  defineTableAccess,
  GRANTEE_ROLES,
  POLICY_COMMANDS,
  TABLE_PRIVILEGES,
  TableAccessError,
  type AccessPolicy,
  type ColumnPrivilege,
  type GranteeRole,
  type PolicyCommand,
  type RoleGrant,
  type TableAccess,
  type TablePrivilege,
} from "./access";
export { ownerScoped, projectScoped, publicRead, type ScopeOptions } from "./builders";
export {
  CURRENT_USER_ID,
  hasPermission,
  inMyProjects,
  isCurrentUser,
  quoteIdent,
  quoteLiteral,
  SIGNED_IN,
  type ProjectRole,
} from "./expressions";
export { findAccessDrift, formatAccessDrift, type AccessDrift } from "./drift";
export { declarationPath, renderAccessSql } from "./render";
export { tableAccess } from "./tables";
