import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";

import { type Registry } from "prom-client";

import { type ListenAddress } from "./env";
import { metricsResponse } from "./exposition";

/** The path every metrics listener and the API server serve the registry at. */
export const METRICS_PATH = "/metrics";

/**
 * A server of its own that answers `GET /metrics` and nothing else (404),
 * for the worker and for an API server given METRICS_ADDRESS. Resolves
 * once it listens, with the interface and port it got (the address's port
 * may be 0), so start-up can log where it really listens.
 */
export async function startMetricsListener(options: {
  address: ListenAddress;
  registry: Registry;
  token: string | null;
}): Promise<{ server: Server; host: string; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== METRICS_PATH) {
      res.writeHead(404).end("Not found");
      return;
    }
    const headers = new Headers();
    if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
    void metricsResponse({ method: req.method ?? "GET", headers }, options)
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(await response.text());
      })
      .catch((error: unknown) => {
        res.writeHead(500).end();
        server.emit("error", error);
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.address.port, options.address.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    server,
    host: bound.address,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
