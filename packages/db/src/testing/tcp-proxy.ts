import net from "node:net";

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones: the target looks down. */
  cut: () => Promise<void>;
  /** Accepts connections again on the same port. */
  restore: () => Promise<void>;
  /**
   * From now on, what the target sends back is kept from the clients (their
   * requests still go through), until `cut` drops it: a reply lost on the way.
   */
  withholdReplies: () => void;
  close: () => Promise<void>;
}

/** A loopback TCP proxy, so a test can make a real server unreachable. */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let withholding = false;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream);
        upstream.on("data", (chunk: Buffer) => {
          if (!withholding) client.write(chunk);
        });
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        const address = s.address();
        if (address && typeof address === "object") port = address.port;
        server = s;
        resolve();
      });
    });

  const cut = async () => {
    const s = server;
    server = undefined;
    withholding = false;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();
  return {
    port,
    cut,
    restore: listen,
    withholdReplies: () => {
      withholding = true;
    },
    close: cut,
  };
}
