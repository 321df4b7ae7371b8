import { z } from "zod";

import { ZDisplayNameSchema, ZPasswordAttemptSchema } from "./auth";
import { ZTextSchema } from "./primitives";

/** IANA zones this runtime knows, plus "UTC" (the column default, which the list spells Etc/UTC). */
const TIME_ZONES: ReadonlySet<string> = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);

export const ZTimeZoneSchema = ZTextSchema.trim()
  .max(64)
  .refine((zone) => TIME_ZONES.has(zone), "Unknown time zone");

/** BCP 47-ish: a language, then optional script/region/variant subtags ("en", "pt-BR", "zh-Hant-TW"). */
export const ZLocaleSchema = ZTextSchema.trim()
  .max(35)
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language tag such as en or pt-BR");

/** A picture served over HTTPS (never http:, data: or javascript:). */
export const ZAvatarUrlSchema = ZTextSchema.max(2048).pipe(
  z.url({ protocol: /^https$/, error: "Use an https:// address" }),
);

/** The caller's own profile; each field optional, only those given change. */
export const ZUpdateProfileInputSchema = z
  .object({
    name: ZDisplayNameSchema.optional(),
    avatarUrl: ZAvatarUrlSchema.nullable().optional(),
    locale: ZLocaleSchema.optional(),
    timeZone: ZTimeZoneSchema.optional(),
  })
  .strict();

export type UpdateProfileInput = z.infer<typeof ZUpdateProfileInputSchema>;

/** A 6-digit code from an authenticator app. */
export const ZTotpCodeSchema = ZTextSchema.trim().regex(/^\d{6}$/, "Enter the 6-digit code");

/** A TOTP code or a backup code (`xxxxx-xxxxx`); spaces are ignored. */
export const ZSecondFactorCodeSchema = ZTextSchema.max(32)
  .transform((code) => code.replace(/\s+/g, "").toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/, "Enter the 6-digit code or a backup code"),
  );

export const ZTwoFactorConfirmInputSchema = z.object({ code: ZTotpCodeSchema });

/** Turning two-factor off needs proof of the account: a current code (or backup code), or the password. */
export const ZTwoFactorDisableInputSchema = z
  .object({ code: ZSecondFactorCodeSchema.optional(), password: ZPasswordAttemptSchema.optional() })
  .refine((input) => input.code !== undefined || input.password !== undefined, {
    message: "Enter a code or your password",
    path: ["code"],
  });

export type TwoFactorDisableInput = z.infer<typeof ZTwoFactorDisableInputSchema>;
