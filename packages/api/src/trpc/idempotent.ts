import { middlewareMarker } from "@trpc/server/unstable-core-do-not-import";

import { AppError, type Principal } from "@fastnext/core";
import { claimKey, hashInput, type KeyUse, recordAnswer, replay } from "@fastnext/core/idempotency";
import { type ScopedDb } from "@fastnext/db";
import { ZIdempotencyKeyInputSchema, ZIdempotencyKeySchema } from "@fastnext/validators";

import { t } from "./init";

/**
 * Idempotent creates. The client sends `idempotencyKey` as an input field,
 * once per intended change, and again with every retry of it:
 *
 * - same key, same input: the first answer again, nothing written;
 * - same key, other input: CONFLICT "idempotency_key_reused";
 * - no key: an ordinary call.
 *
 * An input field rather than an `Idempotency-Key` header because tRPC sends
 * calls made together as one HTTP request (one header cannot tell several
 * calls apart), and because workflow transitions already take their key as
 * a field: one way for every procedure, batched or not, with the key
 * checked by zod and reported as a field error like any other input.
 *
 * The key is claimed, and the answer stored, in the caller's request
 * transaction (opened by `authed`): a committed create always has its key
 * recorded and a rolled-back one never does.
 *
 * REST calls send the key as the `Idempotency-Key` header instead (one call
 * per request there, so a header names one call); the REST handler puts it
 * in the context, where it is checked by the same schema. Sending the field
 * and a different header is refused.
 *
 * Declare it after the permission and before the procedure's own `.input()`
 * (which then never sees the key, so its schema may be strict):
 *
 *   permissionProcedure("project.create").concat(idempotent).input(...)
 */
export const idempotent = t.procedure
  .input(ZIdempotencyKeyInputSchema)
  .use(async ({ ctx, path, input, getRawInput, next }) => {
    const { principal, db } = ctx as { principal?: Principal; db?: ScopedDb };
    // A declaration mistake (idempotent before authed), not a caller's.
    if (!principal || !db) throw new Error(`${path}: idempotent procedures run inside authed`);
    const raw = await getRawInput();
    const { idempotencyKey: _key, ...rest } = raw as Record<string, unknown>;
    // The procedure's own schema sees the input without the key (it may be
    // strict), and its resolver gets only what that schema parsed. tRPC's
    // types offer the two overrides only apart; at run time next() takes both.
    const withoutKey = { input: undefined, getRawInput: () => Promise.resolve(rest) };
    const proceed = () => next(withoutKey as Pick<typeof withoutKey, "getRawInput">);
    const key = keyOf(input.idempotencyKey, ctx.idempotencyKey);
    if (key === undefined) return proceed();

    // What the client sent, less the key, so a retry is recognised before it
    // is parsed again (and a retry with an input that no longer parses is a
    // different input, refused as such).
    const use: KeyUse = {
      userId: principal.userId,
      procedure: path,
      key,
      inputHash: hashInput(rest),
    };
    const first = await claimKey(db, use);
    // Answered from the record: the rest of the chain, the resolver included,
    // does not run (tRPC has no public helper for a result made here).
    if (first) return { ok: true as const, data: replay(first, use), marker: middlewareMarker };
    const result = await proceed();
    if (result.ok) await recordAnswer(db, use, result.data);
    return result;
  });

/** The key of a call: its input field or, over REST, its Idempotency-Key header. */
function keyOf(field: string | undefined, header: string | null | undefined): string | undefined {
  if (header === undefined || header === null) return field;
  const parsed = ZIdempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new AppError(
      "VALIDATION",
      "Idempotency-Key: " + (parsed.error.issues[0]?.message ?? "invalid"),
      {
        fieldErrors: { "Idempotency-Key": parsed.error.issues.map((issue) => issue.message) },
      },
    );
  }
  if (field !== undefined && field !== parsed.data) {
    throw new AppError("VALIDATION", "idempotencyKey and the Idempotency-Key header differ", {
      reason: "idempotency_key_mismatch",
      fieldErrors: { "Idempotency-Key": ["Differs from idempotencyKey"] },
    });
  }
  return parsed.data;
}

/** The middleware functions `idempotent` adds, its key parser included (read by the router test). */
export const idempotentMiddlewares: ReadonlySet<unknown> = new Set(idempotent._def.middlewares);
