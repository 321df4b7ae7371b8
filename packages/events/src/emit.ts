import { type ScopedDb } from "@fastnext/db";

import { EVENT_CATALOGUE, type EventName, type EventPayload } from "./catalogue";

/**
 * Records a domain event in the caller's transaction: it exists if and only
 * if that transaction commits. The payload is validated here, so a malformed
 * event fails the change that raised it rather than a handler later.
 */
export async function emitEvent<N extends EventName>(
  db: ScopedDb,
  name: N,
  payload: EventPayload<N>,
): Promise<string> {
  const valid = EVENT_CATALOGUE[name].parse(payload);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT app.emit_event(${name}, ${JSON.stringify(valid)}::jsonb) AS id`;
  const id = rows[0]?.id;
  if (!id) throw new Error(`emit_event returned no id for ${name}`);
  return id;
}
