import pg from "pg";

import { withCredentials, withDatabase } from "../env";
import { APP_ROLE, OWNER_ROLE, SYSTEM_ROLE } from "../roles";

export interface ProvisionOptions {
  /** A superuser (or CREATEROLE + CREATEDB) connection to any database. */
  adminUrl: string;
  database: string;
  ownerPassword: string;
  appPassword: string;
  systemPassword: string;
}

export interface ProvisionedDatabase {
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or updates) the roles. Idempotent: safe on every start.
 * - owner: owns the schema and runs migrations
 * - app: what the product logs in as; no owner, superuser or BYPASSRLS rights
 * - system: BYPASSRLS without superuser, for system jobs and the sign-in
 *   helpers it owns; a login only when given a password
 * The app and system roles get no table rights here: migrations grant them.
 */
export async function ensureRoles(
  adminUrl: string,
  ownerPassword: string,
  appPassword: string,
  systemPassword?: string,
): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const roles = [
      {
        name: OWNER_ROLE,
        password: ownerPassword,
        attrs: "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS",
      },
      {
        name: APP_ROLE,
        password: appPassword,
        attrs: "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT NOREPLICATION",
      },
      {
        name: SYSTEM_ROLE,
        password: systemPassword,
        attrs: `${systemPassword ? "LOGIN" : "NOLOGIN"} NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT NOREPLICATION`,
      },
    ];
    for (const role of roles) {
      const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role.name]);
      const verb = exists.rowCount === 0 ? "CREATE" : "ALTER";
      const password = role.password ? ` PASSWORD ${quoteLiteral(role.password)}` : "";
      await client.query(`${verb} ROLE ${quoteIdent(role.name)} WITH ${role.attrs}${password}`);
    }
    // Bound how long a forgotten transaction may hold locks and a connection.
    await client.query(
      `ALTER ROLE ${quoteIdent(APP_ROLE)} SET idle_in_transaction_session_timeout = '15s'`,
    );
    // Migrations hand the sign-in helper functions over to the system role.
    await client.query(`GRANT ${quoteIdent(SYSTEM_ROLE)} TO ${quoteIdent(OWNER_ROLE)}`);
  });
}

export async function databaseExists(adminUrl: string, database: string): Promise<boolean> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    return result.rowCount !== 0;
  });
}

export async function createDatabase(
  adminUrl: string,
  database: string,
  options: { template?: string } = {},
): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : "";
    await client.query(
      `CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(OWNER_ROLE)}${template}`,
    );
  });
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  });
}

export async function listDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withClient(adminUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    return result.rows.map((row) => row.datname);
  });
}

/** Roles plus the database, owned by the owner role. */
export async function provisionDatabase(options: ProvisionOptions): Promise<ProvisionedDatabase> {
  await ensureRoles(
    options.adminUrl,
    options.ownerPassword,
    options.appPassword,
    options.systemPassword,
  );
  if (!(await databaseExists(options.adminUrl, options.database))) {
    await createDatabase(options.adminUrl, options.database);
  }
  const dbUrl = withDatabase(options.adminUrl, options.database);
  return {
    ownerUrl: withCredentials(dbUrl, OWNER_ROLE, options.ownerPassword),
    appUrl: withCredentials(dbUrl, APP_ROLE, options.appPassword),
    systemUrl: withCredentials(dbUrl, SYSTEM_ROLE, options.systemPassword),
  };
}
