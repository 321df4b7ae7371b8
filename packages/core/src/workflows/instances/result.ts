import { z } from "zod";

/** What a transition answers, and what a retry with the same idempotency key answers again. */
export const ZTransitionResultSchema = z.object({
  instanceId: z.uuid(),
  historyId: z.uuid(),
  transitionKey: z.string(),
  fromState: z.string(),
  toState: z.string(),
  version: z.number().int(),
  stateEnteredAt: z.date(),
  completedAt: z.date().nullable(),
});

export type TransitionResult = z.infer<typeof ZTransitionResultSchema>;

/** The same, as stored in workflow_history.result (jsonb: dates as ISO strings). */
const ZStoredResultSchema = ZTransitionResultSchema.extend({
  stateEnteredAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});

export function storedResult(result: TransitionResult): string {
  return JSON.stringify({
    ...result,
    stateEnteredAt: result.stateEnteredAt.toISOString(),
    completedAt: result.completedAt?.toISOString() ?? null,
  } satisfies z.input<typeof ZStoredResultSchema>);
}

/** Reads a stored result back; a malformed one is corrupt data, an internal error. */
export function parseStoredResult(value: unknown): TransitionResult {
  const parsed = ZStoredResultSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(`stored transition result is malformed: ${parsed.error.message}`);
  const stored = parsed.data;
  return {
    ...stored,
    stateEnteredAt: new Date(stored.stateEnteredAt),
    completedAt: stored.completedAt === null ? null : new Date(stored.completedAt),
  };
}
