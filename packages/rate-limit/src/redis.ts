import { Redis } from "ioredis";

export interface RedisClientOptions {
  /**
   * Told about connection errors (ioredis keeps reconnecting in the
   * background). Without it ioredis prints each one to stderr.
   */
  onError?: (error: Error) => void;
  /** Milliseconds a command may take before it fails; default 1000. */
  commandTimeoutMs?: number;
}

/**
 * A Redis client for rate limiting. It connects on first use (or on
 * `await client.connect()` at start-up), and never queues commands while
 * disconnected: a command fails at once, so a limiter falls back to its
 * in-memory counts instead of holding the request until Redis returns.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
  });
  const { onError } = options;
  if (onError) client.on("error", onError);
  return client;
}

/** Closes a client politely if it is connected, otherwise drops it. Never throws. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === "end") return;
  if (client.status === "ready") {
    try {
      await client.quit();
      return;
    } catch {
      // Fall through to a hard disconnect.
    }
  }
  client.disconnect();
}
