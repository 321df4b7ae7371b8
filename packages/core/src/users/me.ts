import { z } from "zod";

import { type ScopedDb } from "@fastnext/db";

import { type Principal } from "../access/principal";
import { AppError } from "../errors";
import { toUserView, userViewSelect, ZUserViewSchema } from "./view";

export const ZMeSchema = z.object({
  user: ZUserViewSchema,
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
});

/** The caller's own account, roles and permissions. */
export async function readMe(
  db: ScopedDb,
  principal: Principal,
): Promise<z.infer<typeof ZMeSchema>> {
  const user = await db.user.findUnique({
    where: { id: principal.userId },
    select: userViewSelect,
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  return {
    user: toUserView(user, principal),
    roles: [...principal.roles],
    permissions: [...principal.permissions].sort(),
  };
}
