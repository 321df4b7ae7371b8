import pg from "pg";

import {
  NOTIFICATION_CHANNEL,
  notificationPayload,
  parseNotificationPayload,
  type NotificationTopic,
} from "@fastnext/events";
import { type Logger } from "@fastnext/logger";

export type Wake = () => void;

export interface NotificationHubOptions {
  /** Pause before reconnecting after the listening connection is lost. */
  reconnectDelayMs?: number;
}

/**
 * One LISTEN connection per API process, shared by every open
 * subscription: a NOTIFY naming a user (and a topic: new notifications, or
 * a transfer that moved) wakes that user's subscriptions of the topic,
 * which then read the new rows themselves (under RLS). The connection is
 * opened by the first subscriber and re-opened when lost; after a
 * reconnect every subscriber is woken, since wake-ups may have been missed.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Wake>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly reconnectDelayMs: number;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    options: NotificationHubOptions = {},
  ) {
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1_000;
  }

  /**
   * Registers `wake` for `userId`'s wake-ups of `topic` once the hub is
   * listening; returns the unsubscribe function.
   */
  async subscribe(
    userId: string,
    wake: Wake,
    topic: NotificationTopic = "notifications",
  ): Promise<() => void> {
    if (this.closed) throw new Error("the notification hub is closed");
    await this.listen();
    const key = notificationPayload(topic, userId);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(wake);
    return () => {
      const current = this.listeners.get(key);
      current?.delete(wake);
      if (current?.size === 0) this.listeners.delete(key);
    };
  }

  /** Open subscriptions, for one user's topic or in all. */
  subscriberCount(userId?: string, topic: NotificationTopic = "notifications"): number {
    if (userId) return this.listeners.get(notificationPayload(topic, userId))?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel === NOTIFICATION_CHANNEL && message.payload) this.wake(message.payload);
    });
    client.on("error", (error) => {
      this.log.warn({ err: error }, "notification listener failed");
      this.lost(client);
    });
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error("the notification hub is closed");
    }
    this.client = client;
    return client;
  }

  private wake(payload: string): void {
    const target = parseNotificationPayload(payload);
    if (!target) return;
    const key = notificationPayload(target.topic, target.userId);
    for (const wake of this.listeners.get(key) ?? []) wake();
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      // Nobody listening: the next subscriber connects.
      if (this.closed || this.listeners.size === 0) return;
      this.listen()
        .then(() => {
          // Anything may have happened while nobody listened: every subscriber re-reads.
          for (const set of this.listeners.values()) for (const wake of set) wake();
        })
        .catch((error: unknown) => {
          this.log.warn({ err: error }, "notification listener could not reconnect");
          this.scheduleReconnect();
        });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }
}
