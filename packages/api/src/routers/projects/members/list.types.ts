import { z } from "zod";

import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZProjectMemberViewSchema } from "@fastnext/core/projects";

export const ZProjectsMembersListInputSchema = ZPageInputSchema.extend({ projectId: z.uuid() });

export const ZProjectsMembersListOutputSchema = pageOutputSchema(ZProjectMemberViewSchema);
