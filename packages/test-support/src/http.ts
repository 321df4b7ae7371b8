import { type AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { type AnyTRPCRouter } from "@trpc/server";
import superjson from "superjson";

import { readApiEnv } from "@fastnext/api/env";
import {
  apiReferenceRoutes,
  ATTACHMENTS_PATH,
  createAttachmentHandler,
  createNodeServer,
  createRestHandler,
  createTransferHandler,
  createTrpcHandler,
  type RequestInfo,
  REST_BASE_PATH,
  TRANSFERS_PATH,
  type TrpcHandlerOptions,
} from "@fastnext/api/http";
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
  // The REST surface of the same router, made on its first request (most tests never call it).
  let rest: ReturnType<typeof createRestHandler> | undefined;
  const restHandler = (request: Request, info: RequestInfo) => {
    rest ??= createRestHandler({
      router,
      logger,
      allowedOrigins: defaults.CORS_ORIGINS,
      maxBodyBytes: defaults.API_MAX_BODY_BYTES,
      deps: noDeps,
      ...options,
      trustProxy,
    });
    return rest(request, info);
  };
  const attachments = createAttachmentHandler({
    logger,
    allowedOrigins: defaults.CORS_ORIGINS,
    deps: noDeps,
    ...options,
    trustProxy,
  });
  const transfers = createTransferHandler({
    logger,
    allowedOrigins: defaults.CORS_ORIGINS,
    deps: noDeps,
    ...options,
    trustProxy,
  });
  const server = createNodeServer(handler, {
    prefix: "/trpc",
    trustProxy,
    mounts: [
      { prefix: `${REST_BASE_PATH}/`, handler: restHandler },
      { prefix: `${ATTACHMENTS_PATH}/`, handler: attachments },
      { prefix: `${TRANSFERS_PATH}/`, handler: transfers },
    ],
    extraRoutes: apiReferenceRoutes(),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}/trpc`;
  return {
    url,
    /** The server's origin: REST under /api/v1, the document at /api/openapi.json. */
    origin,
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
