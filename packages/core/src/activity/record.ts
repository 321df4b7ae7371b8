import { type Prisma, type ScopedDb } from "@fastnext/db";
import { type ActivityAction } from "@fastnext/validators";

import { type ClientMeta } from "../auth/client-meta";
import { diffRecords } from "./redact";

/** Who did it and from where: the request's identity, for the trail. */
export interface Actor extends ClientMeta {
  userId: string;
}

export interface ActivityEntry {
  /** `<entity>.<verb>`, e.g. `user.update`: a key of the sentence catalogue (@fastnext/validators). */
  action: ActivityAction;
  entityType: string;
  entityId?: string | null;
  /** The record before and after: only changed fields are kept, secrets redacted. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Writes one entry of the activity trail in the caller's transaction: if
 * the change rolls back, so does its entry. The table is append-only for
 * the application role.
 */
export async function recordActivity(
  db: ScopedDb,
  actor: Actor,
  entry: ActivityEntry,
): Promise<void> {
  const changes =
    entry.before !== undefined || entry.after !== undefined
      ? diffRecords(entry.before, entry.after)
      : null;
  await db.activity.create({
    data: {
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      changes: (changes ?? undefined) as Prisma.InputJsonValue | undefined,
      requestId: actor.requestId,
      ip: actor.ip,
      userAgent: actor.userAgent,
    },
    select: { id: true },
  });
}
