import { serviceContext } from "@fastnext/core";
import { removeMember, ZProjectMemberRemoveInputSchema } from "@fastnext/core/projects";

import { authedProcedure } from "../../../trpc/procedures";
import { ZProjectsMembersRemoveOutputSchema } from "./remove.types";

/** Owner or project.manage_all removes anyone; a member may remove themself. */
export const remove = authedProcedure
  .input(ZProjectMemberRemoveInputSchema)
  .output(ZProjectsMembersRemoveOutputSchema)
  .mutation(({ ctx, input }) => removeMember(serviceContext(ctx), input));
