import { type ClientBase } from "pg";

import { type AccessPolicy, type TableAccess } from "./access";
import { quoteIdent } from "./expressions";

/**
 * Compares declared access with the live catalogue of the `public` schema.
 *
 * Both sides are reduced to facts per table (`rls`, `grant <role> <privilege>`,
 * `grant <role> <privilege> (<column>)`, `policy <name>`) with a text value;
 * policy expressions are compared in PostgreSQL's own canonical text on both
 * sides, so a declaration need not be written the way `pg_get_expr` prints.
 */

/** One difference: a fact only declared, only live, or with two values. */
export interface AccessDrift {
  table: string;
  fact: string;
  /** The declared value; undefined when the fact is not declared. */
  declared?: string;
  /** The live value; undefined when the database lacks the fact. */
  live?: string;
}

type Facts = Map<string, Map<string, string>>;

const COMMAND_OF_POLCMD: Record<string, string> = {
  r: "SELECT",
  a: "INSERT",
  w: "UPDATE",
  d: "DELETE",
  "*": "ALL",
};

function factsOf(facts: Facts, table: string): Map<string, string> {
  const found = facts.get(table) ?? new Map<string, string>();
  facts.set(table, found);
  return found;
}

function rlsFact(enabled: boolean, forced: boolean): string {
  return `${enabled ? "enabled" : "disabled"}, ${forced ? "forced" : "not forced"}`;
}

function policyFact(policy: {
  command: string;
  roles: readonly string[];
  permissive: boolean;
  using: string | null;
  withCheck: string | null;
}): string {
  const parts = [
    `FOR ${policy.command}`,
    `TO ${[...policy.roles].sort().join(", ")}`,
    policy.permissive ? "PERMISSIVE" : "RESTRICTIVE",
  ];
  if (policy.using !== null) parts.push(`USING ${policy.using}`);
  if (policy.withCheck !== null) parts.push(`WITH CHECK ${policy.withCheck}`);
  return parts.join(" ");
}

const GRANTED = "granted";
const GRANTABLE = "granted WITH GRANT OPTION";

async function liveFacts(client: ClientBase): Promise<Facts> {
  const facts: Facts = new Map();
  const tables = await client.query<{ table: string; enabled: boolean; forced: boolean }>(`
    SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
  for (const row of tables.rows)
    factsOf(facts, row.table).set("rls", rlsFact(row.enabled, row.forced));

  // Grants read from the ACLs themselves: information_schema would also
  // list a table grant once per column, hiding which of the two was given.
  // Grantee 0 is PUBLIC, which reaches every role.
  const grants = await client.query<{
    table: string;
    grantee: string;
    privilege: string;
    column: string | null;
    grantable: boolean;
  }>(`
    SELECT c.relname AS table, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END AS grantee,
           a.privilege_type AS privilege, NULL AS column, a.is_grantable AS grantable
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL aclexplode(c.relacl) a
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.grantee <> c.relowner
    UNION ALL
    SELECT c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
           a.privilege_type, att.attname, a.is_grantable
      FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL aclexplode(att.attacl) a
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND att.attnum > 0
       AND NOT att.attisdropped AND a.grantee <> c.relowner`);
  for (const row of grants.rows) {
    const column = row.column === null ? "" : ` (${row.column})`;
    factsOf(facts, row.table).set(
      `grant ${row.grantee} ${row.privilege}${column}`,
      row.grantable ? GRANTABLE : GRANTED,
    );
  }

  const policies = await client.query<{
    table: string;
    name: string;
    polcmd: string;
    permissive: boolean;
    roles: string[];
    using: string | null;
    with_check: string | null;
  }>(`
    SELECT c.relname AS table, p.polname AS name, p.polcmd::text AS polcmd, p.polpermissive AS permissive,
           ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END FROM unnest(p.polroles) r)::text[] AS roles,
           pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
      FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public'`);
  for (const row of policies.rows)
    factsOf(facts, row.table).set(
      `policy ${row.name}`,
      policyFact({
        command: COMMAND_OF_POLCMD[row.polcmd] ?? row.polcmd,
        roles: row.roles,
        permissive: row.permissive,
        using: row.using,
        withCheck: row.with_check,
      }),
    );
  return facts;
}

/**
 * A declared policy in PostgreSQL's canonical text: created under a
 * throwaway name inside a savepoint, read back, and rolled back.
 */
async function canonicalPolicy(
  client: ClientBase,
  table: string,
  policy: AccessPolicy,
): Promise<string> {
  const name = "access_drift_probe";
  await client.query("SAVEPOINT access_drift_probe");
  try {
    const roles = policy.roles ? [...policy.roles].map(quoteIdent).join(", ") : "PUBLIC";
    await client.query(
      [
        `CREATE POLICY ${name} ON ${quoteIdent(table)}`,
        policy.restrictive ? "AS RESTRICTIVE" : "AS PERMISSIVE",
        `FOR ${policy.command.toUpperCase()} TO ${roles}`,
        policy.using === undefined ? "" : `USING (${policy.using})`,
        policy.withCheck === undefined ? "" : `WITH CHECK (${policy.withCheck})`,
      ].join(" "),
    );
    const { rows } = await client.query<{ using: string | null; with_check: string | null }>(
      `SELECT pg_get_expr(polqual, polrelid) AS using, pg_get_expr(polwithcheck, polrelid) AS with_check
         FROM pg_policy WHERE polrelid = $1::regclass AND polname = $2`,
      [quoteIdent(table), name],
    );
    const canonical = rows[0] ?? { using: null, with_check: null };
    return policyFact({
      command: policy.command.toUpperCase(),
      roles: policy.roles ?? ["public"],
      permissive: !policy.restrictive,
      using: canonical.using,
      withCheck: canonical.with_check,
    });
  } catch (error) {
    return `(PostgreSQL refuses it: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.query("ROLLBACK TO SAVEPOINT access_drift_probe");
    await client.query("RELEASE SAVEPOINT access_drift_probe");
  }
}

async function declaredFacts(
  client: ClientBase,
  declarations: readonly TableAccess[],
  liveTables: ReadonlySet<string>,
): Promise<Facts> {
  const facts: Facts = new Map();
  for (const access of declarations) {
    const table = factsOf(facts, access.table);
    table.set("rls", rlsFact(access.rls.enabled, access.rls.forced));
    for (const [role, grant] of Object.entries(access.grants)) {
      for (const privilege of grant.table ?? []) table.set(`grant ${role} ${privilege}`, GRANTED);
      for (const [privilege, columns] of Object.entries(grant.columns ?? {}))
        for (const column of columns) table.set(`grant ${role} ${privilege} (${column})`, GRANTED);
    }
    // A policy of a missing table cannot be parsed; the table's own drift says enough.
    if (!liveTables.has(access.table)) continue;
    for (const policy of access.policies)
      table.set(`policy ${policy.name}`, await canonicalPolicy(client, access.table, policy));
  }
  return facts;
}

// A table nobody but its owner can reach needs no declaration.
function reachable(facts: ReadonlyMap<string, string>): boolean {
  return (
    [...facts.keys()].some((fact) => fact !== "rls") || facts.get("rls") !== rlsFact(false, false)
  );
}

/**
 * Every difference between the declarations and the live catalogue, sorted
 * by table and fact. `client` must be a superuser or the schema owner, inside
 * a transaction (declared policies are created and rolled back in a
 * savepoint of it); the caller rolls it back or commits, nothing is changed.
 */
export async function findAccessDrift(
  client: ClientBase,
  declarations: readonly TableAccess[],
): Promise<AccessDrift[]> {
  const live = await liveFacts(client);
  const declared = await declaredFacts(client, declarations, new Set(live.keys()));
  const drift: AccessDrift[] = [];

  for (const [table, declaredTable] of declared) {
    const liveTable = live.get(table);
    if (!liveTable) {
      drift.push({ table, fact: "table", declared: "exists" });
      continue;
    }
    for (const fact of new Set([...declaredTable.keys(), ...liveTable.keys()])) {
      const declaredValue = declaredTable.get(fact);
      const liveValue = liveTable.get(fact);
      if (declaredValue !== liveValue)
        drift.push({ table, fact, declared: declaredValue, live: liveValue });
    }
  }
  for (const [table, liveTable] of live)
    if (!declared.has(table) && reachable(liveTable))
      drift.push({ table, fact: "table", live: "exists, with no declaration" });

  const order = (fact: string) =>
    fact === "table" ? 0 : fact === "rls" ? 1 : fact.startsWith("grant") ? 2 : 3;
  return drift.sort(
    (a, b) =>
      a.table.localeCompare(b.table) ||
      order(a.fact) - order(b.fact) ||
      a.fact.localeCompare(b.fact),
  );
}

/** The drift as lines a reviewer reads: what is declared, what the database has. */
export function formatAccessDrift(drift: readonly AccessDrift[]): string {
  return drift
    .map(({ table, fact, declared, live }) =>
      [
        `${table}: ${fact}`,
        `  declared: ${declared ?? "(nothing)"}`,
        `  database: ${live ?? "(nothing)"}`,
      ].join("\n"),
    )
    .join("\n");
}
