import { z } from "zod";

import { ZDisplayNameSchema, ZEmailSchema } from "./auth";
import { ALL_PERMISSIONS } from "./permissions";
import { strictFields } from "./settings";
import { ZLocaleSchema, ZTimeZoneSchema } from "./users";
import { ZTextSchema } from "./primitives";

// --- users ---------------------------------------------------------------

/** An update must change something (superjson can carry explicit undefineds). */
function anyDefined(data: Record<string, unknown>): boolean {
  return Object.values(data).some((value) => value !== undefined);
}

/** Same spelling rule as the database's roles_key_format check. */
export const ZRoleKeySchema = ZTextSchema.trim().regex(
  /^[a-z][a-z0-9_]{1,63}$/,
  "Lower-case letters, digits and _, starting with a letter",
);

export const ZPermissionKeySchema = z.literal(ALL_PERMISSIONS, {
  error: "Not a permission of the catalogue",
});

export const ZAdminUserCreateInputSchema = z.object({
  name: ZDisplayNameSchema,
  email: ZEmailSchema,
  roleKeys: z.array(ZRoleKeySchema).max(50).default([]),
  locale: ZLocaleSchema.optional(),
  timeZone: ZTimeZoneSchema.optional(),
  /** Tell the new user (an e-mail with a link to choose a password). */
  sendInvitation: z.boolean().default(false),
});

export type AdminUserCreateInput = z.infer<typeof ZAdminUserCreateInputSchema>;

/** The id names the user; only the fields under `data` change. */
export const ZAdminUserUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      name: ZDisplayNameSchema.optional(),
      email: ZEmailSchema.optional(),
      locale: ZLocaleSchema.optional(),
      timeZone: ZTimeZoneSchema.optional(),
    })
    .strict()
    .refine(anyDefined, "Nothing to change"),
});

export type AdminUserUpdateInput = z.infer<typeof ZAdminUserUpdateInputSchema>;

// --- roles ---------------------------------------------------------------

export const ZRoleNameSchema = ZTextSchema.trim().min(1, "Required").max(80);
export const ZRoleDescriptionSchema = ZTextSchema.trim().max(500);

export const ZRoleCreateInputSchema = z.object({
  key: ZRoleKeySchema,
  name: ZRoleNameSchema,
  description: ZRoleDescriptionSchema.default(""),
  /** Given to people who register themselves. */
  isDefault: z.boolean().default(false),
  permissionKeys: z
    .array(ZPermissionKeySchema)
    .max(ALL_PERMISSIONS.length * 2)
    .default([]),
});

export type RoleCreateInput = z.infer<typeof ZRoleCreateInputSchema>;

/** The key never changes (code and other systems refer to it); name, description and the default flag do. */
export const ZRoleUpdateInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      name: ZRoleNameSchema.optional(),
      description: ZRoleDescriptionSchema.optional(),
      isDefault: z.boolean().optional(),
    })
    .strict()
    .refine(anyDefined, "Nothing to change"),
});

export type RoleUpdateInput = z.infer<typeof ZRoleUpdateInputSchema>;

export const ZRoleSetPermissionsInputSchema = z.object({
  id: z.uuid(),
  permissionKeys: z.array(ZPermissionKeySchema).max(ALL_PERMISSIONS.length * 2),
});

// --- system settings -----------------------------------------------------

/** What a new password must satisfy; an operator setting (admin.system.settings). */
export const ZPasswordPolicySchema = z.strictObject({
  minLength: z.number().int().min(8).max(128),
  requireUppercase: z.boolean(),
  requireLowercase: z.boolean(),
  requireDigit: z.boolean(),
  requireSymbol: z.boolean(),
  /** The new password may not be any of the last N (the current one included); 0 turns the check off. */
  historyCount: z.number().int().min(0).max(24),
  /** Days after which a password counts as expired (sign-in still works and says so); null: never. */
  maxAgeDays: z.number().int().min(1).max(3650).nullable(),
});

export interface PasswordPolicy {
  minLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireDigit: boolean;
  requireSymbol: boolean;
  historyCount: number;
  maxAgeDays: number | null;
}

export const ZFeatureFlagsSchema = z.strictObject({
  /** Anyone may create an account with auth.register. */
  registrationOpen: z.boolean(),
  /** Users may turn on two-factor sign-in themselves. */
  selfServiceTwoFactor: z.boolean(),
});

export interface FeatureFlags {
  registrationOpen: boolean;
  selfServiceTwoFactor: boolean;
}

/** Every runtime setting, one typed document per key (a row of system_settings each). */
export const ZSystemSettingsSchema = z.strictObject({
  passwordPolicy: ZPasswordPolicySchema,
  featureFlags: ZFeatureFlagsSchema,
});

export interface SystemSettings {
  passwordPolicy: PasswordPolicy;
  featureFlags: FeatureFlags;
}
export type SystemSettingKey = keyof SystemSettings;
export const SYSTEM_SETTING_KEYS = [
  "passwordPolicy",
  "featureFlags",
] as const satisfies readonly SystemSettingKey[];

/** A change: any subset of any key's fields; the merged result is validated whole. */
export const ZSystemSettingsPatchSchema = strictFields({
  passwordPolicy: strictFields({
    minLength: z.number().int().min(8).max(128).optional(),
    requireUppercase: z.boolean().optional(),
    requireLowercase: z.boolean().optional(),
    requireDigit: z.boolean().optional(),
    requireSymbol: z.boolean().optional(),
    historyCount: z.number().int().min(0).max(24).optional(),
    maxAgeDays: z.number().int().min(1).max(3650).nullable().optional(),
  }).optional(),
  featureFlags: strictFields({
    registrationOpen: z.boolean().optional(),
    selfServiceTwoFactor: z.boolean().optional(),
  }).optional(),
});

export type SystemSettingsPatch = z.infer<typeof ZSystemSettingsPatchSchema>;

/**
 * Defaults follow current guidance (NIST SP 800-63B): length over
 * composition rules, no forced periodic change; the last few passwords
 * may not be reused.
 */
export const DEFAULT_SYSTEM_SETTINGS: SystemSettings = {
  passwordPolicy: {
    minLength: 8,
    requireUppercase: false,
    requireLowercase: false,
    requireDigit: false,
    requireSymbol: false,
    historyCount: 3,
    maxAgeDays: null,
  },
  featureFlags: { registrationOpen: true, selfServiceTwoFactor: true },
};

/** A stored setting as a complete, valid document: unknown or invalid stored values fall back to the defaults. */
export function readSystemSetting<K extends SystemSettingKey>(
  key: K,
  stored: unknown,
): SystemSettings[K] {
  const fallback = DEFAULT_SYSTEM_SETTINGS[key];
  const saved = z.record(z.string(), z.unknown()).safeParse(stored).data ?? {};
  const merged = SETTING_SCHEMAS[key].safeParse({
    ...fallback,
    ...pick(saved, Object.keys(fallback)),
  });
  return merged.success ? merged.data : fallback;
}

const SETTING_SCHEMAS: { [K in SystemSettingKey]: z.ZodType<SystemSettings[K]> } = {
  passwordPolicy: ZPasswordPolicySchema,
  featureFlags: ZFeatureFlagsSchema,
};

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}

// --- password rules ------------------------------------------------------

/** `reused` is checked by the API (it needs the password history). */
export type PasswordRule = "minLength" | "uppercase" | "lowercase" | "digit" | "symbol" | "reused";

export interface PasswordViolation {
  rule: PasswordRule;
  message: string;
}

/** Every rule of the policy a password breaks (not just the first), for one complete message list. */
export function passwordPolicyViolations(
  password: string,
  policy: PasswordPolicy,
): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  // Counted in characters as people see them (an emoji is one), not UTF-16 units.
  const length = [...new Intl.Segmenter().segment(password)].length;
  if (length < policy.minLength) {
    violations.push({ rule: "minLength", message: `At least ${policy.minLength} characters` });
  }
  if (policy.requireUppercase && !/\p{Lu}/u.test(password)) {
    violations.push({ rule: "uppercase", message: "At least one upper-case letter" });
  }
  if (policy.requireLowercase && !/\p{Ll}/u.test(password)) {
    violations.push({ rule: "lowercase", message: "At least one lower-case letter" });
  }
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) {
    violations.push({ rule: "digit", message: "At least one digit" });
  }
  if (policy.requireSymbol && !/[^\p{L}\p{N}\s]/u.test(password)) {
    violations.push({
      rule: "symbol",
      message: "At least one symbol (not a letter, digit or space)",
    });
  }
  return violations;
}
