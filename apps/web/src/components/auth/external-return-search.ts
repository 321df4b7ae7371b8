import { z } from "zod";

const text = z.string().max(500).nullable().catch(null);

/**
 * The query of a page an external provider's round trip returns to (signing
 * in, or linking from the account page): the one-time code and state, or the
 * refusal's reason. Anything malformed reads as absent.
 */
export const ZExternalReturnSearchSchema = z.object({
  code: text.default(null),
  state: text.default(null),
  error: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .nullable()
    .catch(null)
    .default(null),
});
