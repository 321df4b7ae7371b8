import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { revokeInvitation } from "@fastnext/core/projects";
import { ZInvitationRevokeInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

/** Owner or project.manage_all: the link stops working. */
export const revoke = authedProcedure
  .input(ZInvitationRevokeInputSchema)
  .use(projectRole("owner"))
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => revokeInvitation(serviceContext(ctx), input));
