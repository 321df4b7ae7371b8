import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";

import { type Principal } from "../access/principal";
import { AppError } from "../errors";
import { toUserView, userRecordColumns, ZUserRecordRowSchema, ZUserViewSchema } from "./view";

export const ZMeSchema = z.object({
  user: ZUserViewSchema,
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
});

/**
 * The caller's own account, roles and permissions. Every signed-in screen
 * asks for it, so its one statement goes straight to the transaction's
 * connection (`scopedRows`).
 */
export async function readMe(
  db: ScopedDb,
  principal: Principal,
): Promise<z.infer<typeof ZMeSchema>> {
  const [user] = z
    .array(ZUserRecordRowSchema)
    .parse(
      await scopedRows(
        db,
        Prisma.sql`SELECT ${userRecordColumns("u")} FROM users u WHERE u.id = ${principal.userId}::uuid`,
      ),
    );
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  return {
    user: toUserView(user, principal),
    roles: [...principal.roles],
    permissions: [...principal.permissions].sort(),
  };
}
