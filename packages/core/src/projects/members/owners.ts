import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";

import { AppError } from "../../errors";

/**
 * Refuses a change that would leave the project without an owner, before
 * the deferred database trigger would fail the commit. The owner rows are
 * locked first (always in the same order, so two callers cannot deadlock),
 * so two owners demoting each other at the same time are serialised: the
 * second sees the first's change and is refused.
 */
export async function assertAnotherOwnerRemains(
  db: ScopedDb,
  projectId: string,
  leavingUserId: string,
): Promise<void> {
  const owners = z.array(z.object({ user_id: z.string() })).parse(
    await scopedRows(
      db,
      Prisma.sql`
        SELECT user_id FROM project_members
         WHERE project_id = ${projectId}::uuid AND role = 'owner'
         ORDER BY user_id
           FOR UPDATE`,
    ),
  );
  if (!owners.some((owner) => owner.user_id !== leavingUserId)) {
    throw new AppError("PRECONDITION_FAILED", "A project must keep at least one owner", {
      reason: "last_owner",
    });
  }
}
