import { z } from "zod";

import { Prisma, scopedRows } from "@fastnext/db";

import { AppError } from "../errors";
import { type ServiceContext } from "../context";

const ZGuardRowsSchema = z.array(
  z.object({ actor_is_admin: z.boolean(), active_admins: z.number().int() }),
);

/**
 * After a change that may remove administrators (an active user holding
 * role.manage, or a superuser), in the same transaction: the caller may not
 * have removed their own admin capability, and at least one active admin
 * must remain. Either refusal rolls the whole change back.
 *
 * app.admin_guard serialises these changes with an advisory lock and counts
 * with a fresh snapshot, so two admins demoting each other concurrently
 * cannot both succeed; being a definer function it counts every user,
 * whatever the caller may read.
 */
export async function assertAdminsRemain(ctx: ServiceContext): Promise<void> {
  const rows = ZGuardRowsSchema.parse(
    await scopedRows(
      ctx.db,
      Prisma.sql`SELECT actor_is_admin, active_admins FROM app.admin_guard(${ctx.principal.userId}::uuid)`,
    ),
  );
  const row = rows[0];
  if (!row) throw new Error("app.admin_guard returned no row");
  if (ctx.principal.permissions.has("role.manage") && !row.actor_is_admin) {
    throw new AppError("PRECONDITION_FAILED", "You cannot remove your own administration rights", {
      reason: "own_admin_capability",
    });
  }
  if (row.active_admins === 0) {
    throw new AppError("PRECONDITION_FAILED", "This would leave no active administrator", {
      reason: "last_admin",
    });
  }
}
