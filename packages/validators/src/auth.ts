import { z } from "zod";
import { ZTextSchema } from "./primitives";

/** Bounded so that hashing cannot be used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_LENGTH = 8;

export const ZEmailSchema = ZTextSchema.trim()
  .max(254)
  .pipe(z.email({ message: "Enter a valid e-mail address" }))
  .transform((email) => email.toLowerCase());

export const ZPasswordSchema = ZTextSchema.min(
  PASSWORD_MIN_LENGTH,
  `At least ${PASSWORD_MIN_LENGTH} characters`,
).max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`);

/** A password being checked, not chosen: no minimum, same maximum. */
export const ZPasswordAttemptSchema = ZTextSchema.min(1, "Required").max(PASSWORD_MAX_LENGTH);

export const ZDisplayNameSchema = ZTextSchema.trim().min(1, "Required").max(120);

export const ZDeviceLabelSchema = ZTextSchema.trim().min(1).max(120);

export const ZRegisterInputSchema = z.object({
  email: ZEmailSchema,
  name: ZDisplayNameSchema,
  password: ZPasswordSchema,
});

export const ZLoginInputSchema = z.object({
  email: ZEmailSchema,
  password: ZPasswordAttemptSchema,
  deviceLabel: ZDeviceLabelSchema.optional(),
});

export const ZChangePasswordInputSchema = z.object({
  currentPassword: ZPasswordAttemptSchema,
  newPassword: ZPasswordSchema,
});

export type RegisterInput = z.infer<typeof ZRegisterInputSchema>;
export type LoginInput = z.infer<typeof ZLoginInputSchema>;
export type ChangePasswordInput = z.infer<typeof ZChangePasswordInputSchema>;
