import { type Prisma } from "@fastnext/db";
import {
  mergeUserSettings,
  NOTIFICATION_KINDS,
  readUserSettings,
  ZUserSettingsSchema,
  type UserSettings,
  type UserSettingsPatch,
} from "@fastnext/validators";

import { AppError, flattenIssues } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { flattenSettings } from "../settings/flatten";

function toJson(settings: UserSettings): Prisma.InputJsonObject {
  const notifications: Record<string, Prisma.InputJsonObject> = {};
  for (const kind of NOTIFICATION_KINDS) {
    const channels = settings.notifications[kind];
    notifications[kind] = { inApp: channels.inApp, email: channels.email };
  }
  return { theme: settings.theme, notifications };
}

async function storedSettings(ctx: ServiceContext): Promise<UserSettings> {
  const user = await ctx.db.user.findUnique({
    where: { id: ctx.principal.userId },
    select: { settings: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "No such user");
  return readUserSettings(user.settings);
}

/** The caller's settings, complete: what they never set has its default. */
export function getUserSettings(ctx: ServiceContext): Promise<UserSettings> {
  return storedSettings(ctx);
}

/**
 * Merges a partial change into the caller's settings (only the fields it
 * names change), validates the result as a whole and stores it complete.
 */
export async function updateUserSettings(
  ctx: ServiceContext,
  patch: UserSettingsPatch,
): Promise<UserSettings> {
  const before = await storedSettings(ctx);
  const after = mergeUserSettings(before, patch);
  const parsed = ZUserSettingsSchema.safeParse(after);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Invalid settings", {
      fieldErrors: flattenIssues(parsed.error).fieldErrors,
    });
  }
  await ctx.db.user.update({
    where: { id: ctx.principal.userId },
    data: { settings: toJson(after) },
    select: { id: true },
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.update_settings",
    entityType: "user",
    entityId: ctx.principal.userId,
    before: flattenSettings(before),
    after: flattenSettings(after),
  });
  return after;
}
