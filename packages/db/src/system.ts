import { createPrismaClient } from "./client";
import { dbEnv } from "./env";
import { type PrismaClient } from "./generated/prisma/client";
import { type PoolObserver } from "./pool-observer";

/** Connections of the system login's pool. */
export const SYSTEM_POOL_MAX = 3;

const globalForSystem = globalThis as unknown as { fastnextSystemDb?: PrismaClient };

/**
 * The unscoped client: the `fastnext_system` login (BYPASSRLS, never
 * superuser) with its own small pool. Only named system paths may import
 * this module — the worker's jobs, seeds, migrations — and lint forbids it
 * in the API and the web app, so no procedure can reach it.
 */
export function systemDb(options: { observer?: PoolObserver } = {}): PrismaClient {
  // The first call makes the client: the worker's root passes its metrics' observer there.
  globalForSystem.fastnextSystemDb ??= createPrismaClient({
    connectionString: dbEnv().systemUrl,
    max: SYSTEM_POOL_MAX,
    applicationName: "fastnext-system",
    observer: options.observer,
    slowQueryMs: dbEnv().slowQueryMs,
  });
  return globalForSystem.fastnextSystemDb;
}

export async function disconnectSystemDb(): Promise<void> {
  const client = globalForSystem.fastnextSystemDb;
  globalForSystem.fastnextSystemDb = undefined;
  await client?.$disconnect();
}
