import { serviceContext } from "@fastnext/core";
import { createUser, ZAdminUserViewSchema } from "@fastnext/core/admin";
import { ZAdminUserCreateInputSchema } from "@fastnext/validators";

import { idempotent } from "../../../trpc/idempotent";
import { permissionProcedure } from "../../../trpc/procedures";

/** An account for someone else, without a usable password; `sendInvitation` raises user.invited. */
export const create = permissionProcedure("user.manage")
  .concat(idempotent)
  .input(ZAdminUserCreateInputSchema)
  .meta({
    openapi: { method: "POST", path: "/admin/users", tags: ["admin"], summary: "Create a user" },
  })
  .output(ZAdminUserViewSchema)
  .mutation(({ ctx, input }) => createUser(serviceContext(ctx), input));
