import { TRPCClientError } from "@trpc/client";
import { type AnyTRPCRouter, type inferRouterOutputs } from "@trpc/server";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { pino } from "pino";

import { appRouter, observedDeps, type ApiDeps, type AppRouter } from "@fastnext/api";
import { type TrustProxy } from "@fastnext/api/http";
import { accessTokenConfig, readAuthEnv } from "@fastnext/auth";
import { AccessCache, CursorSigner } from "@fastnext/core";
import { NotificationHub } from "@fastnext/core/notifications";
import { DownloadLinkSigner, type ImportLimits } from "@fastnext/core/transfers";
import { type WebhookSettings } from "@fastnext/core/webhooks";
import { createPrismaClient, type PrismaClient, type ReadRouting } from "@fastnext/db";
import { seedDemoData } from "@fastnext/db/admin";
import { createStatementCounter } from "@fastnext/db/statement-counter";
import { createTestDatabase, type TestDatabase } from "@fastnext/db/testing";
import { type ApiMetrics } from "@fastnext/metrics";
import { createRateLimiter } from "@fastnext/rate-limit";
import { createLocalStorage, type ObjectStorage } from "@fastnext/storage";

import { clientFor, serve } from "./http";

export const ADMIN = { email: "admin@example.com", password: "admin-password-for-tests" };

export interface ApiOptions {
  router?: AnyTRPCRouter;
  poolMax?: number;
  loginPerIp?: number;
  loginPerAccount?: number;
  passwordResetPerIp?: number;
  passwordResetPerAccount?: number;
  invitationsPerInviter?: number;
  /** Signed-in calls per user and per address in a minute (default: high enough never to interfere). */
  callsPerUser?: number;
  callsPerIp?: number;
  /** Whose X-Forwarded-For to believe (default: nobody's). */
  trustProxy?: TrustProxy;
  /** Record into these metrics, wired as the apps wire theirs (default: none). */
  metrics?: ApiMetrics;
  /** Log the pool's statements slower than this (DB_SLOW_QUERY_MS); default: none. */
  slowQueryMs?: number;
  /** The AUTH_* variables the tokens and key ring are read from (default: none, the development keys). */
  authEnv?: Parameters<typeof readAuthEnv>[0];
  /** Serve this database (seeded here) instead of a fresh one on the shared test server. */
  database?: TestDatabase;
  /** Where read-only calls run, given the app role's pool on the primary (default: all on it). */
  reads?: (primary: PrismaClient) => ReadRouting;
  /** Webhook registration settings (default: public addresses only, 24 h secret grace). */
  webhooks?: WebhookSettings;
  /** How long export download links work (default 900 s). */
  transferLinkTtlSeconds?: number;
  /** How large an import may be (default: 16 MB files, 64 KB rows, 100,000 rows). */
  importLimits?: ImportLimits;
  /** Where attachments go (default: a fresh folder of its own, removed on close). */
  storage?: ObjectStorage;
  /** The largest attachment (default: ATTACHMENT_MAX_BYTES's default, 10 MB). */
  attachmentMaxBytes?: number;
}

function limiter(keyPrefix: string, points: number, durationSeconds = 300) {
  return createRateLimiter({
    keyPrefix: `${keyPrefix}-${Math.random().toString(36).slice(2)}`,
    points,
    durationSeconds,
  });
}

/**
 * A real API over HTTP on a fresh database with the seeded admin: the
 * production router, the app role's pool, real tokens and limiters.
 */
export async function startApi(options: ApiOptions = {}) {
  const db: TestDatabase = options.database ?? (await createTestDatabase());
  const owner = createPrismaClient({ connectionString: db.ownerUrl, max: 1 });
  await seedDemoData(owner, { SEED_ADMIN_EMAIL: ADMIN.email, SEED_ADMIN_PASSWORD: ADMIN.password });
  await owner.$disconnect();

  const statements = createStatementCounter();
  const poolMax = options.poolMax ?? 5;
  const pool = createPrismaClient({
    connectionString: db.appUrl,
    max: poolMax,
    onConnection: statements.onConnection,
    observer: options.metrics?.db.observer("app"),
    slowQueryMs: options.slowQueryMs,
  });
  const auth = readAuthEnv(options.authEnv ?? {});
  const reads = options.reads?.(pool);
  const storageRoot = options.storage ? null : await mkdtemp(path.join(tmpdir(), "attachments-"));
  const storage = options.storage ?? createLocalStorage({ root: storageRoot ?? "" });
  const plainDeps: ApiDeps = {
    pool,
    ...(reads && { reads }),
    access: new AccessCache(),
    tokens: accessTokenConfig(auth),
    encryptionKeys: auth.encryptionKeys,
    cursors: CursorSigner.fromKeyRing(auth.encryptionKeys),
    ...(options.webhooks && { webhooks: options.webhooks }),
    attachments: { storage, maxBytes: options.attachmentMaxBytes ?? 10 * 1024 * 1024 },
    transfers: {
      storage,
      links: DownloadLinkSigner.fromKeyRing(auth.encryptionKeys),
      linkTtlSeconds: options.transferLinkTtlSeconds ?? 900,
      importLimits: options.importLimits ?? {
        maxFileBytes: 16 * 1024 * 1024,
        maxRowBytes: 64 * 1024,
        maxRows: 100_000,
      },
    },
    refreshTokenTtlDays: 30,
    loginPolicy: { lockThreshold: 6, lockSeconds: 900 },
    limiters: {
      loginPerIp: limiter("login-ip", options.loginPerIp ?? 1000),
      loginPerAccount: limiter("login-account", options.loginPerAccount ?? 1000),
      registerPerIp: limiter("register-ip", 1000),
      refreshPerIp: limiter("refresh-ip", 1000),
      passwordResetPerIp: limiter("reset-ip", options.passwordResetPerIp ?? 1000),
      passwordResetPerAccount: limiter("reset-account", options.passwordResetPerAccount ?? 1000),
      invitationsPerInviter: limiter("invite-user", options.invitationsPerInviter ?? 1000),
      callsPerUser: limiter("calls-user", options.callsPerUser ?? 1_000_000, 60),
      callsPerIp: limiter("calls-ip", options.callsPerIp ?? 1_000_000, 60),
    },
    notifications: new NotificationHub(db.appUrl, pino({ level: "silent" }), {
      reconnectDelayMs: 100,
    }),
  };
  const { metrics } = options;
  const deps = metrics ? observedDeps(plainDeps, metrics, poolMax) : plainDeps;
  const server = await serve(options.router ?? appRouter, {
    deps,
    trustProxy: options.trustProxy,
    metrics: metrics ?? null,
  });
  const admin = new pg.Client({ connectionString: db.adminUrl });
  await admin.connect();

  return {
    url: server.url,
    origin: server.origin,
    logs: server.logs,
    deps,
    db,
    /** What the API's pool sent to PostgreSQL (tests of statement counts). */
    statements,
    /** Where the API stores attachments (a folder of the test's own unless given). */
    storage,
    /** Superuser SQL for arranging and inspecting, never for code under test. */
    sql: admin,
    client: (accessToken?: string) => clientFor<AppRouter>(server.url, false, accessToken),
    close: async () => {
      await server.close();
      await deps.notifications?.close();
      await pool.$disconnect();
      await reads?.replica?.$disconnect();
      await admin.end();
      await db.drop();
      if (storageRoot) await rm(storageRoot, { recursive: true, force: true });
    },
  };
}

export type TestApi = Awaited<ReturnType<typeof startApi>>;

let counter = 0;

/** Registers and signs in a fresh user; returns their tokens and id. */
export async function signUp(api: TestApi, name = "User") {
  counter += 1;
  const email = `user${counter}-${Date.now()}@example.com`;
  const password = "correct horse battery";
  const anonymous = api.client();
  const { user } = await anonymous.auth.register.mutate({ email, name, password });
  const session = signedIn(await anonymous.auth.login.mutate({ email, password }));
  return { id: user.id, email, password, ...session, client: api.client(session.accessToken) };
}

export async function signInAdmin(api: TestApi) {
  const session = signedIn(await api.client().auth.login.mutate(ADMIN));
  return { ...session, client: api.client(session.accessToken) };
}

type LoginOutput = inferRouterOutputs<AppRouter>["auth"]["login"];

/** A login result that must have signed in (not stopped for a second factor); fails the test otherwise. */
export function signedIn(result: LoginOutput): Extract<LoginOutput, { status: "signed_in" }> {
  if (result.status !== "signed_in")
    throw new Error(`expected to be signed in, got ${result.status}`);
  return result;
}

/** The tRPC error a call failed with (fails the test if it succeeded). */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
