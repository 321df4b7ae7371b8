import { type Server } from "node:http";

import { type ServerShutdown } from "@fastnext/api/http";
import { type Logger } from "@fastnext/logger";

/**
 * The API server's stop, in the order a load balancer needs it:
 *
 *   1. draining: `/ready` answers 503 and every answer closes its
 *      connection, while requests are still served for `delayMs` (the
 *      time the balancer or Kubernetes' endpoints take to stop sending
 *      new ones here);
 *   2. closing: no new connections; requests in flight finish, idle
 *      keep-alive connections are closed, live subscriptions end (their
 *      clients reconnect to another instance and resume);
 *   3. at `timeoutMs` after closing began, connections still open are cut.
 *
 * `stop` resolves once every connection is gone.
 */
export class Shutdown implements ServerShutdown {
  #draining = false;
  readonly #streams = new AbortController();

  draining = (): boolean => this.#draining;

  get streams(): AbortSignal {
    return this.#streams.signal;
  }

  async stop(
    server: Server,
    options: { delayMs: number; timeoutMs: number; log: Logger },
  ): Promise<void> {
    const { delayMs, timeoutMs, log } = options;
    this.#draining = true;
    if (delayMs > 0) {
      log.info({ delayMs }, "not ready: serving until load balancers have moved on");
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.#streams.abort();
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      log.warn("requests still open at the deadline; closing them");
      server.closeAllConnections();
    }, timeoutMs);
    await closed;
    clearTimeout(timer);
  }
}
