import { AppError } from "../../errors";
import { type ServiceContext } from "../../context";
import { setUserActive } from "./set-active";
import { type AdminUserView } from "./view";

/**
 * Deactivates or reactivates several users as one change (the admin table's
 * bulk action). Each user goes through `setUserActive`, so each gets its own
 * activity entry, event and session revocation; the first refusal (an
 * unknown id, oneself, the last active admin) refuses them all, because the
 * caller's transaction rolls back the users changed before it.
 */
export async function setUsersActive(
  ctx: ServiceContext,
  input: { ids: string[]; isActive: boolean },
): Promise<AdminUserView[]> {
  if (!input.isActive && input.ids.includes(ctx.principal.userId)) {
    throw new AppError("PRECONDITION_FAILED", "You cannot deactivate yourself", {
      reason: "self_deactivation",
    });
  }
  const found = await ctx.db.user.findMany({
    where: { id: { in: input.ids } },
    select: { id: true },
  });
  const known = new Set(found.map((user) => user.id));
  const missing = input.ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", "No such user", { details: { ids: missing } });
  }
  const users: AdminUserView[] = [];
  for (const id of input.ids)
    users.push(await setUserActive(ctx, { id, isActive: input.isActive }));
  return users;
}
