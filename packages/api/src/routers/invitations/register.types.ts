import { z } from "zod";

import { ZJoinOutcomeSchema } from "@fastnext/core/invitations";
import { ZUserViewSchema } from "@fastnext/core/users";

export const ZInvitationsRegisterOutputSchema = z.object({
  user: ZUserViewSchema,
  membership: ZJoinOutcomeSchema,
});
