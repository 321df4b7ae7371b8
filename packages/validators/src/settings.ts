import { z } from "zod";

/**
 * An object schema that refuses unknown keys with one issue per key, AT
 * that key's path (`notifications.bogus`), so they reach clients as field
 * errors like any other mistake. (zod's strict objects report them on the
 * parent, which a form cannot place.) A value that passes has no other
 * keys, so the output holds exactly the known ones, as its type says.
 */
export function strictFields<TShape extends z.ZodRawShape>(
  shape: TShape,
): z.ZodType<z.output<z.ZodObject<TShape>>, z.input<z.ZodObject<TShape>>> {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!known.has(key))
          ctx.addIssue({ code: "custom", message: "Unknown setting", path: [key] });
      }
    },
    // Run even when known fields have errors, so every mistake is reported at once.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
}

/** Event kinds a user can be notified about, each by in-app notice and by e-mail. */
export const NOTIFICATION_KINDS = [
  "workflow.transitioned",
  "workflow.assigned",
  "workflow.mentioned",
  "project.member_added",
  "user.invited",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const THEMES = ["light", "dark", "system"] as const;

const ZChannelsSchema = z.strictObject({ inApp: z.boolean(), email: z.boolean() });
const ZChannelsPatchSchema = strictFields({
  inApp: z.boolean().optional(),
  email: z.boolean().optional(),
});

/**
 * A user's complete settings document (what is stored and returned). A
 * patch is checked field by field with ZUserSettingsPatchSchema; the merged
 * result is checked whole with this one.
 */
export const ZUserSettingsSchema = z.strictObject({
  theme: z.enum(THEMES),
  notifications: z.strictObject({
    "workflow.transitioned": ZChannelsSchema,
    "workflow.assigned": ZChannelsSchema,
    "workflow.mentioned": ZChannelsSchema,
    "project.member_added": ZChannelsSchema,
    "user.invited": ZChannelsSchema,
  }),
});

export type Theme = (typeof THEMES)[number];

export interface NotificationChannels {
  inApp: boolean;
  email: boolean;
}

export interface UserSettings {
  theme: Theme;
  notifications: Record<NotificationKind, NotificationChannels>;
}

/** A change to the settings: any subset, at any depth; unknown keys refused. */
export const ZUserSettingsPatchSchema = strictFields({
  theme: z.enum(THEMES).optional(),
  notifications: strictFields({
    "workflow.transitioned": ZChannelsPatchSchema.optional(),
    "workflow.assigned": ZChannelsPatchSchema.optional(),
    "workflow.mentioned": ZChannelsPatchSchema.optional(),
    "project.member_added": ZChannelsPatchSchema.optional(),
    "user.invited": ZChannelsPatchSchema.optional(),
  }).optional(),
});

export type UserSettingsPatch = z.infer<typeof ZUserSettingsPatchSchema>;

/**
 * Defaults: everything in the app; e-mail only for what asks the user to
 * act (an assignment, a mention in a comment, being added to a project, an
 * invitation), not for every transition.
 */
export const DEFAULT_USER_SETTINGS: UserSettings = {
  theme: "system",
  notifications: {
    "workflow.transitioned": { inApp: true, email: false },
    "workflow.assigned": { inApp: true, email: true },
    "workflow.mentioned": { inApp: true, email: true },
    "project.member_added": { inApp: true, email: true },
    "user.invited": { inApp: true, email: true },
  },
};

const ZRecordSchema = z.record(z.string(), z.unknown());

/**
 * The stored document as a complete, valid one: each field that is missing
 * or no longer valid (the schema moved on) falls back to its default.
 */
export function readUserSettings(stored: unknown): UserSettings {
  const doc = ZRecordSchema.safeParse(stored).data ?? {};
  const notifications = ZRecordSchema.safeParse(doc.notifications).data ?? {};
  const theme = z.enum(THEMES).safeParse(doc.theme);
  const channels = (kind: NotificationKind): NotificationChannels => {
    const fallback = DEFAULT_USER_SETTINGS.notifications[kind];
    const saved = ZRecordSchema.safeParse(notifications[kind]).data ?? {};
    return {
      inApp: z.boolean().safeParse(saved.inApp).data ?? fallback.inApp,
      email: z.boolean().safeParse(saved.email).data ?? fallback.email,
    };
  };
  return {
    theme: theme.success ? theme.data : DEFAULT_USER_SETTINGS.theme,
    notifications: {
      "workflow.transitioned": channels("workflow.transitioned"),
      "workflow.assigned": channels("workflow.assigned"),
      "workflow.mentioned": channels("workflow.mentioned"),
      "project.member_added": channels("project.member_added"),
      "user.invited": channels("user.invited"),
    },
  };
}

/** Applies a patch (deep: only the fields it names change); the result is validated by the caller. */
export function mergeUserSettings(current: UserSettings, patch: UserSettingsPatch): UserSettings {
  const merged: UserSettings = {
    theme: patch.theme ?? current.theme,
    notifications: { ...current.notifications },
  };
  for (const kind of NOTIFICATION_KINDS) {
    const change = patch.notifications?.[kind];
    const was = current.notifications[kind];
    if (change)
      merged.notifications[kind] = {
        inApp: change.inApp ?? was.inApp,
        email: change.email ?? was.email,
      };
  }
  return merged;
}
