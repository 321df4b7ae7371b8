import {
  COLUMN_PRIVILEGES,
  GRANTEE_ROLES,
  TABLE_PRIVILEGES,
  type AccessPolicy,
  type TableAccess,
} from "./access";
import { quoteIdent } from "./expressions";

/** Where a table's declaration lives, relative to the repository root. */
export function declarationPath(table: string): string {
  return `packages/db/src/policies/tables/${table}.ts`;
}

function renderPolicy(table: string, policy: AccessPolicy): string {
  const lines = [`CREATE POLICY ${quoteIdent(policy.name)} ON ${quoteIdent(table)}`];
  if (policy.restrictive) lines.push("  AS RESTRICTIVE");
  lines.push(`  FOR ${policy.command.toUpperCase()}`);
  if (policy.roles) lines.push(`  TO ${[...policy.roles].sort().map(quoteIdent).join(", ")}`);
  if (policy.using !== undefined) lines.push(`  USING (${policy.using})`);
  if (policy.withCheck !== undefined) lines.push(`  WITH CHECK (${policy.withCheck})`);
  return `${lines.join("\n")};`;
}

/**
 * The migration SQL that gives a new table the declared access: grants,
 * RLS switches and policies, in a fixed order so the same declaration
 * always renders the same text. It creates, never revokes: a change to an
 * existing table's access is written by hand in a new migration (and the
 * declaration changed with it).
 */
export function renderAccessSql(access: TableAccess): string {
  const table = quoteIdent(access.table);
  const out = [
    `-- Access of ${table}, rendered from ${declarationPath(access.table)}`,
    `-- (pnpm db:policy:sql ${access.table}). Change the declaration, then render again.`,
  ];

  for (const role of GRANTEE_ROLES) {
    const grant = access.grants[role];
    if (!grant) continue;
    const tablePrivileges = TABLE_PRIVILEGES.filter((p) => grant.table?.includes(p));
    if (tablePrivileges.length > 0)
      out.push(`GRANT ${tablePrivileges.join(", ")} ON TABLE ${table} TO ${quoteIdent(role)};`);
    for (const privilege of COLUMN_PRIVILEGES) {
      const columns = grant.columns?.[privilege];
      if (!columns) continue;
      const list = [...columns].sort().map(quoteIdent).join(", ");
      out.push(`GRANT ${privilege} (${list}) ON TABLE ${table} TO ${quoteIdent(role)};`);
    }
  }

  if (access.rls.enabled) out.push(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;`);
  if (access.rls.forced) out.push(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;`);
  for (const policy of access.policies) out.push(renderPolicy(access.table, policy));
  return `${out.join("\n")}\n`;
}
