import { z } from "zod";

import { pageOutputSchema, ZPageInputSchema } from "@fastnext/core";
import { ZProjectInvitationViewSchema } from "@fastnext/core/projects";

export const ZProjectsInvitationsListInputSchema = ZPageInputSchema.extend({ projectId: z.uuid() });

export const ZProjectsInvitationsListOutputSchema = pageOutputSchema(ZProjectInvitationViewSchema);
