/**
 * What may not be in the phone's bundle: the server packages and the
 * server-only libraries. Paths are a Metro source map's `sources`, which
 * are relative to the workspace root (`/packages/client/src/index.ts`,
 * `/node_modules/.pnpm/zod@…/node_modules/zod/index.js`).
 */
const SERVER_ONLY: readonly RegExp[] = [
  /^\/packages\/(api|auth|core|db|email|events|logger|metrics|rate-limit|storage|tracing|test-support|dev-stack)\//,
  /^\/apps\/(api|web|worker)\//,
  /\/node_modules\/@fastnext\/(api|auth|core|db)\//,
  /\/node_modules\/@prisma\//,
  /\/node_modules\/(pg|pg-[^/]+)\//,
  /\/node_modules\/(@node-rs\/)?argon2[^/]*\//,
  /\/node_modules\/pino[^/]*\//,
  /\/node_modules\/jose\//,
  /\/node_modules\/@trpc\/server\/dist\/adapters\//,
];

export function serverOnlySources(sources: readonly string[]): string[] {
  return sources.filter((source) => SERVER_ONLY.some((rule) => rule.test(source)));
}

export interface BundleReport {
  bytes: number;
  modules: number;
  serverOnly: string[];
  /** Sanity: the map really lists the app's own code and the typed client. */
  hasAppCode: boolean;
  hasClient: boolean;
}

export function reportBundle(bytes: number, sources: readonly string[]): BundleReport {
  return {
    bytes,
    modules: sources.length,
    serverOnly: serverOnlySources(sources),
    hasAppCode: sources.some((source) => source.startsWith("/apps/mobile/src/")),
    hasClient: sources.some((source) => source.startsWith("/packages/client/src/")),
  };
}
