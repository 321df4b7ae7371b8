import { pageOutputSchema, serviceContext, ZPageInputSchema } from "@fastnext/core";
import { listMembers, ZProjectMemberViewSchema } from "@fastnext/core/projects";
import { ZProjectMembersListFiltersSchema } from "@fastnext/validators";

import { authedProcedure } from "../../../trpc/procedures";
import { projectRole } from "../../../trpc/project-role";

export const ZMembersListInputSchema = ZPageInputSchema.extend(ZProjectMembersListFiltersSchema.shape);

/** Anyone who can see the project sees who is in it. */
export const list = authedProcedure
  .input(ZMembersListInputSchema)
  .use(projectRole("viewer"))
  .output(pageOutputSchema(ZProjectMemberViewSchema))
  .query(({ ctx, input }) => listMembers(serviceContext(ctx), input));
