import { z } from "zod";

import { Prisma, scopedRows } from "@fastnext/db";

import { type Principal } from "../access/principal";
import { type CoreDeps } from "../deps";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor } from "../pagination/pagination";
import { Doorbell, liveSessionReader } from "./live-stream";
import { notificationSelect, toNotificationView, type NotificationView } from "./view";

export interface LiveOptions {
  /** The cursor of the last notification the client got (after a reconnect). */
  lastEventId?: string | null;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** Re-read this often even without a wake-up: re-checks the session, catches anything missed. */
  recheckMs?: number;
}

export interface LiveNotification {
  /** Resume position: send it back as lastEventId to continue after it. */
  cursor: string;
  notification: NotificationView;
}

/*
 * Rows are stamped with their transaction's start time, and transactions
 * commit in any order: a row may become visible after a newer one was
 * already delivered. So each read looks back this far and skips the ids it
 * already knows, rather than trusting "created after the last one".
 */
const LOOKBACK_MS = 60_000;
const BATCH = 100;

/**
 * The caller's new notifications as they arrive. Registers with the
 * process's hub, then reads in a short scoped transaction per wake-up (the
 * request's own transaction is long gone by then) and yields each new row.
 * Every read re-checks that the account and session are still valid.
 */
export async function* liveNotifications(
  deps: CoreDeps,
  principal: Principal,
  requestId: string,
  options: LiveOptions = {},
): AsyncGenerator<LiveNotification, void, undefined> {
  const hub = deps.notifications;
  if (!hub) {
    throw new AppError("PRECONDITION_FAILED", "Live notifications are not available here", {
      reason: "live_notifications_unavailable",
    });
  }
  const resumeFrom = decodeCursor(deps.cursors, options.lastEventId);
  const doorbell = new Doorbell();
  const unsubscribe = await hub.subscribe(principal.userId, () => doorbell.ring());
  const read = liveSessionReader(deps, principal, requestId);

  try {
    // What exists already is known, not new: everything up to now, or up
    // to the resume position.
    const known = new Map<string, number>();
    let floor = await read(async (tx) => {
      const [row] = z
        .array(z.object({ now: z.date() }))
        .parse(await scopedRows(tx, Prisma.sql`SELECT now() AS now`));
      const start = resumeFrom?.at ?? row?.now ?? new Date();
      const since = new Date(start.getTime() - LOOKBACK_MS);
      const existing = await tx.notification.findMany({
        where: { userId: principal.userId, createdAt: { gte: since } },
        select: { id: true, createdAt: true },
      });
      for (const { id, createdAt } of existing) {
        const seen =
          !resumeFrom ||
          createdAt < resumeFrom.at ||
          (createdAt.getTime() === resumeFrom.at.getTime() && id <= resumeFrom.id);
        if (seen) known.set(id, createdAt.getTime());
      }
      return since;
    });

    while (!options.signal?.aborted) {
      const rows = await read((tx) =>
        tx.notification.findMany({
          where: {
            userId: principal.userId,
            createdAt: { gte: floor },
            id: { notIn: [...known.keys()] },
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: BATCH,
          select: notificationSelect,
        }),
      );
      for (const row of rows) {
        known.set(row.id, row.createdAt.getTime());
        yield {
          cursor: encodeCursor(deps.cursors, { at: row.createdAt, id: row.id }),
          notification: toNotificationView(row),
        };
      }
      const newest = Math.max(floor.getTime() + LOOKBACK_MS, ...known.values());
      floor = new Date(newest - LOOKBACK_MS);
      for (const [id, at] of known) if (at < floor.getTime()) known.delete(id);
      if (rows.length === BATCH) continue;
      await doorbell.wait(options.recheckMs ?? 30_000, options.signal);
    }
  } finally {
    unsubscribe();
  }
}
