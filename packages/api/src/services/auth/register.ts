import { randomUUID } from "node:crypto";

import { hashPassword } from "@fastnext/auth";
import { isUniqueViolation, withScope } from "@fastnext/db";
import { type RegisterInput } from "@fastnext/validators";

import { type ApiDeps } from "../../deps";
import { AppError } from "../../errors";
import { toUserView, userViewSelect, type UserView } from "../users/view";
import { type ClientMeta } from "./client-meta";
import { spend } from "./rate-limit";

/**
 * Creates an account with the default roles. The transaction acts as the
 * new user, so RLS lets it write exactly that user's rows and no others.
 */
export async function register(deps: ApiDeps, input: RegisterInput, meta: ClientMeta): Promise<UserView> {
  await spend(deps.limiters.registerPerIp, meta.ip ?? "unknown", "registrations from this address");
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    return await withScope(deps.pool, { userId, permissions: [], requestId: meta.requestId }, async (tx) => {
      const user = await tx.user.create({
        data: { id: userId, email: input.email, name: input.name, passwordHash },
        select: userViewSelect,
      });
      const defaults = await tx.role.findMany({ where: { isDefault: true }, select: { id: true } });
      await tx.userRole.createMany({ data: defaults.map((role) => ({ userId, roleId: role.id })) });
      return toUserView(user, { userId, self: true });
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) {
      throw new AppError("CONFLICT", "An account with this e-mail already exists", {
        reason: "email_taken",
        fieldErrors: { email: ["An account with this e-mail already exists"] },
      });
    }
    throw error;
  }
}
