import { z } from "zod";

import { ZInvitationTokenSchema } from "@fastnext/validators";

/** The input of the procedures an invitation link leads to: its secret and nothing else. */
export const ZInvitationTokenInputSchema = z.object({ token: ZInvitationTokenSchema });
