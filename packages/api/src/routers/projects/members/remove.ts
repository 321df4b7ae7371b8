import { z } from "zod";

import { serviceContext } from "@fastnext/core";
import { removeMember } from "@fastnext/core/projects";
import { ZProjectMemberRemoveInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";

/** Owner or project.manage_all removes anyone; a member may remove themself. */
export const remove = authedProcedure
  .input(ZProjectMemberRemoveInputSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => removeMember(serviceContext(ctx), input));
