import superjson, { type SuperJSONResult } from "superjson";

import { Prisma, scopedExecute, type ScopedDb } from "@fastnext/db";

import { idempotencyKeyReused } from "./errors";

/** One use of a key: whose, on which procedure, for which input. */
export interface KeyUse {
  userId: string;
  procedure: string;
  key: string;
  inputHash: string;
}

/** The first use of a key, committed by an earlier request. */
export interface FirstUse {
  inputHash: string;
  answer: unknown;
}

/**
 * Claims the key for this request, in the request's transaction, and
 * returns null; or, when an earlier request holds it, returns that request's
 * record. A concurrent request with the same key makes this INSERT wait on
 * the primary key until that transaction ends: after a commit its record is
 * returned (a new statement sees it under READ COMMITTED), after a rollback
 * the claim goes through here instead. So one of them creates, never both.
 */
export async function claimKey(db: ScopedDb, use: KeyUse): Promise<FirstUse | null> {
  const inserted = await scopedExecute(
    db,
    Prisma.sql`
      INSERT INTO idempotency_keys (user_id, procedure, key, input_hash)
      VALUES (${use.userId}::uuid, ${use.procedure}, ${use.key}, ${use.inputHash})
      ON CONFLICT (user_id, procedure, key) DO NOTHING`,
  );
  if (inserted === 1) return null;
  const first = await db.idempotencyKey.findUnique({
    where: { userId_procedure_key: { userId: use.userId, procedure: use.procedure, key: use.key } },
    select: { inputHash: true, answer: true },
  });
  if (!first) throw new Error("idempotency key taken but its record is not visible");
  return first;
}

/** Stores the answer beside the claim; it commits (or rolls back) with the create. */
export async function recordAnswer(db: ScopedDb, use: KeyUse, answer: unknown): Promise<void> {
  const stored = JSON.stringify(superjson.serialize(answer));
  await scopedExecute(
    db,
    Prisma.sql`
      UPDATE idempotency_keys SET answer = ${stored}::jsonb
       WHERE user_id = ${use.userId}::uuid AND procedure = ${use.procedure} AND key = ${use.key}`,
  );
}

/** The first answer again for the same input; CONFLICT for another input under the same key. */
export function replay(first: FirstUse, use: KeyUse): unknown {
  if (first.inputHash !== use.inputHash) throw idempotencyKeyReused();
  if (first.answer === null || typeof first.answer !== "object") {
    throw new Error("idempotency key committed without an answer");
  }
  return superjson.deserialize(first.answer as SuperJSONResult);
}
