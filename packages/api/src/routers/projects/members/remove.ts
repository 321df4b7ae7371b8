import { serviceContext } from "@fastnext/core";
import { removeMember } from "@fastnext/core/projects";
import { ZProjectMemberRemoveInputSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { ZProjectsMembersRemoveOutputSchema } from "./remove.types";

/** Owner or project.manage_all removes anyone; a member may remove themself. */
export const remove = authedProcedure
  .input(ZProjectMemberRemoveInputSchema)
  .output(ZProjectsMembersRemoveOutputSchema)
  .mutation(({ ctx, input }) => removeMember(serviceContext(ctx), input));
