import { type AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { type AnyTRPCRouter } from "@trpc/server";
import superjson from "superjson";

import { readApiEnv } from "@fastnext/api/env";
import { createNodeServer, createTrpcHandler, type TrpcHandlerOptions } from "@fastnext/api/http";
import { createLoggerTo } from "@fastnext/logger";

export interface LogCapture {
  lines: Record<string, unknown>[];
}

/** The product's logger (redaction, trace ids), keeping every line it writes. */
export function captureLogger() {
  const capture: LogCapture = { lines: [] };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        capture.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLoggerTo(stream, "debug"), capture };
}

type ServeOptions = Partial<
  Pick<
    TrpcHandlerOptions,
    "deps" | "resolveSession" | "allowedOrigins" | "maxBodyBytes" | "trustProxy" | "metrics"
  >
>;

function noDeps(): never {
  throw new Error("this test server was started without dependencies");
}

/** Serves a router over real HTTP on an ephemeral loopback port, with the API's default settings unless given. */
export async function serve(router: AnyTRPCRouter, options: ServeOptions = {}) {
  const { logger, capture } = captureLogger();
  const defaults = readApiEnv({});
  const trustProxy = options.trustProxy ?? defaults.TRUSTED_PROXIES;
  const handler = createTrpcHandler({
    endpoint: "/trpc",
    router,
    logger,
    allowedOrigins: defaults.CORS_ORIGINS,
    maxBodyBytes: defaults.API_MAX_BODY_BYTES,
    deps: noDeps,
    ...options,
    trustProxy,
  });
  const server = createNodeServer(handler, { prefix: "/trpc", trustProxy });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/trpc`;
  return {
    url,
    logs: capture,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function clientFor<TRouter extends AnyTRPCRouter>(
  url: string,
  batch = true,
  accessToken?: string,
) {
  const headers = () => (accessToken ? { authorization: `Bearer ${accessToken}` } : {});
  const link = batch
    ? httpBatchLink({ url, transformer: superjson, headers })
    : httpLink({ url, transformer: superjson, headers });
  return createTRPCClient<TRouter>({ links: [link] });
}
