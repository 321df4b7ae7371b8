import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";

import { ZDataDocumentSchema } from "./view";

const ZLockedRowSchema = z.object({
  id: z.string(),
  project_id: z.string(),
  template_id: z.string(),
  state: z.string(),
  version: z.number().int(),
  assignee_id: z.string().nullable(),
  data: ZDataDocumentSchema,
  now: z.date(),
});

export interface LockedInstance {
  id: string;
  projectId: string;
  templateId: string;
  state: string;
  version: number;
  assigneeId: string | null;
  data: Record<string, unknown>;
  /** The database clock once the lock is held: one clock for every timestamp of the change. */
  now: Date;
}

/**
 * Locks an instance row until the transaction ends, so changes to one
 * instance are serialised: whoever comes second waits, then reads the
 * version the first one wrote. RLS applies the update policy to a locking
 * read, so the row comes back only to callers allowed to change the
 * project's instances (members, project.manage_all); null otherwise.
 */
export async function lockInstance(
  db: ScopedDb,
  instanceId: string,
): Promise<LockedInstance | null> {
  const rows = await scopedRows(
    db,
    Prisma.sql`
      SELECT id, project_id, template_id, state, version, assignee_id, data, clock_timestamp() AS now
        FROM workflow_instances
       WHERE id = ${instanceId}::uuid
         FOR UPDATE`,
  );
  if (rows.length === 0) return null;
  const row = ZLockedRowSchema.parse(rows[0]);
  return {
    id: row.id,
    projectId: row.project_id,
    templateId: row.template_id,
    state: row.state,
    version: row.version,
    assigneeId: row.assignee_id,
    data: row.data,
    now: row.now,
  };
}
