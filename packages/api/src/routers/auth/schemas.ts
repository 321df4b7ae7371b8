import { z } from "zod";

import { ZUserViewSchema } from "../../services/users/view";

export const ZTokenPairSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
});

export const ZLoginOutputSchema = ZTokenPairSchema.extend({ user: ZUserViewSchema });

export const ZSessionViewSchema = z.object({
  id: z.uuid(),
  deviceLabel: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date(),
  expiresAt: z.date(),
  current: z.boolean(),
});
