import { z } from "zod";

import { ZProjectMemberRemoveInputSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { removeMember } from "../../../services/projects/members/remove";
import { authedProcedure } from "../../../trpc/procedures";

/** Owner or project.manage_all removes anyone; a member may remove themself. */
export const remove = authedProcedure
  .input(ZProjectMemberRemoveInputSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => removeMember(serviceContext(ctx), input));
