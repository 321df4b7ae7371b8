import { ZProjectMembersListFiltersSchema } from "@fastnext/validators";

import { serviceContext } from "../../../services/context";
import { listMembers } from "../../../services/projects/members/list";
import { ZProjectMemberViewSchema } from "../../../services/projects/members/view";
import { pageOutputSchema, ZPageInputSchema } from "../../../shared/pagination";
import { authedProcedure } from "../../../trpc/procedures";

export const ZMembersListInputSchema = ZPageInputSchema.extend(ZProjectMembersListFiltersSchema.shape);

/** Anyone who can see the project sees who is in it. */
export const list = authedProcedure
  .input(ZMembersListInputSchema)
  .output(pageOutputSchema(ZProjectMemberViewSchema))
  .query(({ ctx, input }) => listMembers(serviceContext(ctx), input));
