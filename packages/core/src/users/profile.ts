import { type UpdateProfileInput } from "@fastnext/validators";

import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { definedEntries } from "../settings/flatten";
import { toUserView, userViewSelect, type UserView } from "./view";

/** The caller changes their own name, picture, language or time zone. */
export async function updateProfile(
  ctx: ServiceContext,
  input: UpdateProfileInput,
): Promise<UserView> {
  const id = ctx.principal.userId;
  const before = await ctx.db.user.findUnique({ where: { id }, select: userViewSelect });
  if (!before) throw new AppError("NOT_FOUND", "No such user");
  const data = definedEntries(input);
  const after = await ctx.db.user.update({ where: { id }, data, select: userViewSelect });
  const fields = (user: UserView | typeof before) => ({
    name: user.name,
    avatarUrl: user.avatarUrl,
    locale: user.locale,
    timeZone: user.timeZone,
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.update_profile",
    entityType: "user",
    entityId: id,
    before: fields(before),
    after: fields(after),
  });
  return toUserView(after, ctx.principal);
}
