import pg from "pg";

import { BackupError } from "./errors";

export interface ToolConnection {
  /** The URL without its password, for a client's --dbname (visible in `ps`). */
  dbname: string;
  /** The environment a PostgreSQL client needs besides it: PGPASSWORD. */
  env: Record<string, string>;
  database: string;
}

/** Hands a connection URL to pg_dump/pg_restore with the password out of the argument list. */
export function toolConnection(databaseUrl: string): ToolConnection {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return {
    dbname: url.toString(),
    env: password ? { PGPASSWORD: password } : {},
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
  };
}

/** The URL with its password masked, for messages. */
export function redactedUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = "***";
  return url.toString();
}

/** Runs `work` on one connection, turning a failure to connect into a clear error. */
export async function withConnection<T>(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(
      "unreachable",
      `Cannot connect to ${redactedUrl(databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ version: string }>(
    "SELECT current_setting('server_version_num') AS version",
  );
  return Math.floor(Number(rows[0]?.version) / 10_000);
}
