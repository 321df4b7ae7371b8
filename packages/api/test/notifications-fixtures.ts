import { randomUUID } from "node:crypto";
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";

import { NOTIFICATION_CHANNEL } from "@fastnext/events";
import { type TestApi } from "@fastnext/test-support";

import { type AppRouter } from "../src/root";

export interface Arranged {
  id: string;
  createdAt: Date;
  /** When the inserting transaction committed, by this process's clock. */
  committedAt: number;
}

/**
 * Does what the worker's notification handler does, as the superuser: one
 * transaction that inserts the row and signals the user's channel.
 */
export async function notify(
  api: TestApi,
  userId: string,
  fields: {
    kind?: string;
    title?: string;
    body?: string;
    data?: Record<string, string>;
    readAt?: Date | null;
  } = {},
): Promise<Arranged> {
  const id = randomUUID();
  await api.sql.query("BEGIN");
  try {
    const { rows } = await api.sql.query<{ created_at: Date }>(
      `INSERT INTO notifications (id, user_id, kind, title, body, data, read_at, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING created_at`,
      [
        id,
        userId,
        fields.kind ?? "workflow.assigned",
        fields.title ?? "You were assigned “Order 1”",
        fields.body ?? "Ann assigned “Order 1” in Sales to you.",
        JSON.stringify(fields.data ?? { projectId: randomUUID() }),
        fields.readAt ?? null,
        randomUUID(),
      ],
    );
    await api.sql.query("SELECT pg_notify($1, $2)", [NOTIFICATION_CHANNEL, userId]);
    await api.sql.query("COMMIT");
    return { id, createdAt: rows[0]?.created_at ?? new Date(), committedAt: Date.now() };
  } catch (error) {
    await api.sql.query("ROLLBACK");
    throw error;
  }
}

export type Auth =
  { via: "connectionParams"; token: string } | { via: "header"; token: string } | { via: "none" };

/** A client whose subscriptions run over real server-sent events, the way phones and browsers do. */
export function liveClient(api: TestApi, auth: Auth) {
  const headers = (): Record<string, string> =>
    auth.via === "header" ? { authorization: `Bearer ${auth.token}` } : {};
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: api.url,
          transformer: superjson,
          EventSource,
          ...(auth.via === "connectionParams"
            ? { connectionParams: () => ({ token: auth.token }) }
            : {}),
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init.headers, ...headers() } }),
          },
        }),
        false: httpLink({ url: api.url, transformer: superjson, headers }),
      }),
    ],
  });
}
