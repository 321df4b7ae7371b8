import { isUniqueViolation } from "@fastnext/db";
import { type AdminUserUpdateInput } from "@fastnext/validators";

import { AppError } from "../../errors";
import { recordActivity } from "../../activity";
import { type ServiceContext } from "../../context";
import { definedEntries } from "../../settings/flatten";
import { emailTaken } from "./create";
import { getUser } from "./get";
import { type AdminUserView } from "./view";

const auditFields = { name: true, email: true, locale: true, timeZone: true } as const;

/** An administrator changes a user's name, e-mail, language or time zone. */
export async function updateUser(
  ctx: ServiceContext,
  input: AdminUserUpdateInput,
): Promise<AdminUserView> {
  const before = await ctx.db.user.findUnique({ where: { id: input.id }, select: auditFields });
  if (!before) throw new AppError("NOT_FOUND", "No such user");
  const changes = definedEntries(input.data);
  // The entry is written before the change, in the same transaction: if the
  // change then fails (a taken e-mail), the entry goes with it.
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.update",
    entityType: "user",
    entityId: input.id,
    before,
    after: { ...before, ...changes },
  });
  try {
    await ctx.db.user.update({ where: { id: input.id }, data: changes, select: { id: true } });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw emailTaken("data.email");
    throw error;
  }
  return getUser(ctx, input.id);
}
