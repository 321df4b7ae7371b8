import { randomInt } from "node:crypto";
import { type AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { EventSource } from "eventsource";
import { SMTPServer } from "smtp-server";
import superjson from "superjson";

import { type AppRouter } from "@fastnext/api";
import { type TestDatabase } from "@fastnext/db/testing";
import { closeRedis, createRedisClient } from "@fastnext/rate-limit";
import {
  freePort,
  spawnEntryPoint,
  waitForOutput,
  type ChildUnderTest,
} from "@fastnext/test-support";

import { startApiServer } from "./server";

/** apps/worker, found through its package so a move of either app keeps this working. */
const workerDir = path.dirname(
  createRequire(import.meta.url).resolve("@fastnext/worker/package.json"),
);

/** A client address of its own, as each caller behind the balancer has (limits count per address). */
export function clientAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export interface ApiInstance {
  name: string;
  /** http://127.0.0.1:<port> */
  base: string;
  process: ChildUnderTest;
}

/** One API server process; the settings every instance of a deployment shares come in `env`. */
export async function startApiInstance(
  name: string,
  db: TestDatabase,
  env: Record<string, string>,
): Promise<ApiInstance> {
  const port = await freePort();
  const process = await startApiServer(db, port, env);
  return { name, base: `http://127.0.0.1:${port}`, process };
}

/** A worker process as production runs it; resolves once it takes jobs. */
export async function startWorkerProcess(
  db: TestDatabase,
  smtpPort: number,
): Promise<ChildUnderTest> {
  const worker = spawnEntryPoint("src/main.ts", {
    cwd: workerDir,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      LOG_FORMAT: "json",
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      DATABASE_SYSTEM_URL: db.systemUrl,
      APP_URL: "https://app.example.com",
      MAIL_TRANSPORT: "smtp",
      MAIL_FROM: "FastNext <no-reply@example.com>",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtpPort),
      WORKER_CONCURRENCY: "2",
      WORKER_POLL_INTERVAL_SECONDS: "0.5",
      WORKER_MAINTENANCE_INTERVAL_SECONDS: "1",
      WORKER_HEARTBEAT_SECONDS: "1",
      WORKER_RETRY_DELAY_SECONDS: "0",
      WORKER_RETRY_BACKOFF: "false",
      // Production refuses the public development key; the worker opens webhook secrets with it.
      AUTH_ENCRYPTION_KEYS: `test:${Buffer.from("scale-out-test-encryption-key-32").toString("base64")}`,
    },
  });
  try {
    await waitForOutput(worker, '"msg":"worker ready"', 30_000);
  } catch (error) {
    worker.child.kill("SIGKILL");
    throw error;
  }
  return worker;
}

/** A real SMTP server on loopback that counts the messages each recipient got. */
export async function startMailbox() {
  const delivered = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        for (const { address } of session.envelope.rcptTo)
          delivered.set(address, (delivered.get(address) ?? 0) + 1);
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    delivered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A typed client of one instance, calling from `address` (X-Forwarded-For,
 * believed because the instances trust loopback as their proxy);
 * subscriptions run over server-sent events.
 */
export function clientOf(instance: ApiInstance, address: string, token?: string) {
  const url = `${instance.base}/trpc`;
  const headers = (): Record<string, string> => ({
    "x-forwarded-for": address,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          connectionParams: () => (token ? { token } : {}),
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init.headers, ...headers() } }),
          },
        }),
        false: httpLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}

export type InstanceClient = ReturnType<typeof clientOf>;

/** The tRPC error code a call failed with (the test fails if it succeeded). */
export async function failureCode(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError)
      return (error.data as { code?: string } | undefined)?.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** Whether Redis answers at `url`; the limits case is skipped, with the reason printed, when not. */
export async function redisAnswers(url: string): Promise<boolean> {
  const client = createRedisClient(url, { onError: () => undefined });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    await closeRedis(client);
  }
}
