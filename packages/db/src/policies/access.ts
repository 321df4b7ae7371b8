import { z } from "zod";

import { APP_ROLE, SYSTEM_ROLE } from "../roles";

/**
 * The declared access of one table: who may do what (grants), whether Row
 * Level Security binds the table, and its policies. One declaration per
 * table lives in `tables/<table>.ts`; migrations paste what
 * `renderAccessSql` makes of it, and the drift test compares it with the
 * live catalogue.
 */

export const TABLE_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;
export type TablePrivilege = (typeof TABLE_PRIVILEGES)[number];

/** Privileges PostgreSQL also grants per column (there is no column DELETE). */
export const COLUMN_PRIVILEGES = ["SELECT", "INSERT", "UPDATE"] as const;
export type ColumnPrivilege = (typeof COLUMN_PRIVILEGES)[number];

/** The roles a declaration may grant to; the owner needs no grant. */
export const GRANTEE_ROLES = [APP_ROLE, SYSTEM_ROLE] as const;
export type GranteeRole = (typeof GRANTEE_ROLES)[number];

export const POLICY_COMMANDS = ["select", "insert", "update", "delete", "all"] as const;
export type PolicyCommand = (typeof POLICY_COMMANDS)[number];

// Lower-case unquoted PostgreSQL names, at most 63 bytes: what every table,
// column and policy of the schema uses. Quoting is then only for safety.
const ZIdentifierSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a lower-case SQL name of at most 63 characters");

// An expression is pasted into `USING (...)`: a semicolon would end the
// statement, so it is refused rather than escaped.
const ZExpressionSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine((sql) => !sql.includes(";"), "must not contain a semicolon");

const ZColumnListSchema = z
  .array(ZIdentifierSchema)
  .min(1)
  .refine((columns) => new Set(columns).size === columns.length, "lists a column twice")
  .readonly();

const ZRoleGrantSchema = z
  .object({
    /** Privileges on the whole table. */
    table: z.array(z.enum(TABLE_PRIVILEGES)).readonly().optional(),
    /** Privileges on some columns only (e.g. `UPDATE ("read_at")`). */
    columns: z.partialRecord(z.enum(COLUMN_PRIVILEGES), ZColumnListSchema).optional(),
  })
  .strict();

const ZPolicySchema = z
  .object({
    name: ZIdentifierSchema,
    command: z.enum(POLICY_COMMANDS),
    /** Roles the policy applies to; omitted means PUBLIC (every role). */
    roles: z.array(z.enum(GRANTEE_ROLES)).min(1).readonly().optional(),
    /** RESTRICTIVE policies are ANDed with the permissive ones. */
    restrictive: z.boolean().optional(),
    using: ZExpressionSchema.optional(),
    withCheck: ZExpressionSchema.optional(),
  })
  .strict();

const ZTableAccessSchema = z
  .object({
    table: ZIdentifierSchema,
    grants: z.partialRecord(z.enum(GRANTEE_ROLES), ZRoleGrantSchema),
    rls: z.object({ enabled: z.boolean(), forced: z.boolean() }).strict(),
    policies: z.array(ZPolicySchema).readonly(),
  })
  .strict()
  .superRefine((access, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });

    for (const [role, grant] of Object.entries(access.grants)) {
      const table = grant.table ?? [];
      if (new Set(table).size !== table.length)
        issue(["grants", role, "table"], "lists a privilege twice");
      for (const privilege of Object.keys(grant.columns ?? {}))
        if (table.includes(privilege as TablePrivilege))
          issue(
            ["grants", role, "columns", privilege],
            `${privilege} is granted on the whole table already`,
          );
    }

    if (!access.rls.enabled && access.rls.forced)
      issue(["rls", "forced"], "FORCE without ENABLE does nothing: enable RLS too");
    if (!access.rls.enabled && access.policies.length > 0)
      issue(["rls", "enabled"], "policies are declared but RLS is not enabled");

    const names = new Set<string>();
    access.policies.forEach((policy, index) => {
      const at = (field: string) => ["policies", index, field];
      if (names.has(policy.name)) issue(at("name"), `policy "${policy.name}" is declared twice`);
      names.add(policy.name);

      // What PostgreSQL itself refuses, said before a migration fails.
      if (policy.command === "insert" && policy.using !== undefined)
        issue(at("using"), "an INSERT policy takes WITH CHECK only");
      if ((policy.command === "select" || policy.command === "delete") && policy.withCheck)
        issue(at("withCheck"), `a ${policy.command.toUpperCase()} policy takes USING only`);
      // And what this schema requires: every policy says which rows it
      // reaches, and every write says which rows it may leave behind.
      if (policy.command !== "insert" && policy.using === undefined)
        issue(at("using"), `a ${policy.command.toUpperCase()} policy needs USING`);
      if (
        (policy.command === "insert" || policy.command === "update" || policy.command === "all") &&
        policy.withCheck === undefined
      )
        issue(at("withCheck"), `a ${policy.command.toUpperCase()} policy needs WITH CHECK`);

      const roles = policy.roles ?? GRANTEE_ROLES;
      const granted = roles.some((role) => {
        const grant = access.grants[role];
        if (!grant) return false;
        if (policy.command === "all") return true;
        const privilege = policy.command.toUpperCase() as TablePrivilege;
        return (
          (grant.table ?? []).includes(privilege) ||
          Object.keys(grant.columns ?? {}).includes(privilege)
        );
      });
      if (!granted)
        issue(
          at("command"),
          `policy "${policy.name}" is for ${policy.command.toUpperCase()}, which no role it applies to is granted`,
        );
    });

    // A policy per granted command for the app role: without one, RLS
    // silently hides every row, which is a bug rather than a safeguard.
    const app = access.grants[APP_ROLE];
    if (access.rls.enabled && app) {
      const privileges = new Set([
        ...(app.table ?? []),
        ...(Object.keys(app.columns ?? {}) as ColumnPrivilege[]),
      ]);
      for (const privilege of TABLE_PRIVILEGES) {
        if (!privileges.has(privilege)) continue;
        const covered = access.policies.some(
          (policy) =>
            (policy.command === "all" || policy.command === privilege.toLowerCase()) &&
            (policy.roles === undefined || policy.roles.includes(APP_ROLE)),
        );
        if (!covered)
          issue(["policies"], `${privilege} is granted to ${APP_ROLE} but no policy covers it`);
      }
    }
  });

export type RoleGrant = z.infer<typeof ZRoleGrantSchema>;
export type AccessPolicy = z.infer<typeof ZPolicySchema>;
export type TableAccess = z.infer<typeof ZTableAccessSchema>;

/** A declaration that breaks one of the rules above; `problems` lists each. */
export class TableAccessError extends Error {
  constructor(
    readonly table: string,
    readonly problems: readonly string[],
  ) {
    super(`access of table "${table}" is invalid:\n  ${problems.join("\n  ")}`);
    this.name = "TableAccessError";
  }
}

/**
 * Checks a declaration and returns it as parsed (expressions trimmed).
 * Every table file and builder goes through here, so an invalid declaration
 * fails when it is imported, with each problem named by its path.
 */
export function defineTableAccess(access: TableAccess): TableAccess {
  const result = ZTableAccessSchema.safeParse(access);
  if (result.success) return result.data;
  throw new TableAccessError(
    typeof access.table === "string" ? access.table : "(unnamed)",
    result.error.issues.map((issue) => `${issue.path.join(".") || "(table)"}: ${issue.message}`),
  );
}
