import http from "node:http";
import { type AddressInfo } from "node:net";

/** One request a receiver got, as it arrived. */
export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What the receiver answers: a status and body, or `"hang"` (never answer). */
export type Reply = { status: number; body?: string; headers?: Record<string, string> } | "hang";

/**
 * A real HTTP server on loopback that records every request and answers
 * each with the next reply of its script (the last one repeats).
 */
export async function startReceiver(script: Reply[] = [{ status: 200 }]) {
  const received: ReceivedWebhook[] = [];
  const replies = [...script];
  const hanging = new Set<http.ServerResponse>();
  const waiters: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({
        path: request.url ?? "/",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      for (const wake of waiters.splice(0)) wake();
      const reply = (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 200 };
      if (reply === "hang") {
        hanging.add(response);
        return;
      }
      response.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
      response.end(reply.body ?? "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    /** Replaces the script from the next request on. */
    reply(next: Reply[]) {
      replies.splice(0, replies.length, ...next);
    },
    /** Resolves once `count` requests arrived. */
    async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} webhook requests, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
