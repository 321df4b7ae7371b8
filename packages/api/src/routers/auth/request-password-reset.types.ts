import { z } from "zod";

import { ZEmailSchema } from "@fastnext/validators";

export const ZAuthRequestPasswordResetInputSchema = z.object({ email: ZEmailSchema });

export const ZAuthRequestPasswordResetOutputSchema = z.object({ ok: z.literal(true) });
