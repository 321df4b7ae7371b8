import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";
import {
  readSystemSetting,
  SYSTEM_SETTING_KEYS,
  ZSystemSettingsSchema,
  type SystemSettingKey,
  type SystemSettings,
  type SystemSettingsPatch,
} from "@fastnext/validators";

import { AppError, flattenIssues } from "../errors";
import { recordActivity } from "../activity";
import { type ServiceContext } from "../context";
import { definedEntries, flattenSettings } from "./flatten";

/**
 * Runtime settings, one row of system_settings per key. Every signed-in
 * or anonymous path may read them (sign-up reads the password policy), so
 * they hold no secrets; only system.manage writes them.
 */
export async function readSystemSettings(db: ScopedDb): Promise<SystemSettings> {
  const rows = await db.systemSetting.findMany({
    where: { key: { in: [...SYSTEM_SETTING_KEYS] } },
    select: { key: true, value: true },
  });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  return {
    passwordPolicy: readSystemSetting("passwordPolicy", stored.get("passwordPolicy")),
    featureFlags: readSystemSetting("featureFlags", stored.get("featureFlags")),
  };
}

export async function readSetting<K extends SystemSettingKey>(
  db: ScopedDb,
  key: K,
): Promise<SystemSettings[K]> {
  const row = await db.systemSetting.findUnique({ where: { key }, select: { value: true } });
  return readSystemSetting(key, row?.value);
}

/**
 * Applies a partial change to any keys, validates each resulting document
 * whole, stores the keys that changed, and records one activity entry with
 * the changed fields before and after.
 */
export async function updateSystemSettings(
  ctx: ServiceContext,
  patch: SystemSettingsPatch,
): Promise<SystemSettings> {
  // One writer at a time: two concurrent partial changes must not undo each other.
  await scopedRows(
    ctx.db,
    Prisma.sql`SELECT pg_advisory_xact_lock(hashtext('fastnext'), hashtext('system_settings'))`,
  );
  const before = await readSystemSettings(ctx.db);
  const merged = {
    passwordPolicy: { ...before.passwordPolicy, ...definedEntries(patch.passwordPolicy) },
    featureFlags: { ...before.featureFlags, ...definedEntries(patch.featureFlags) },
  };
  const parsed = ZSystemSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Invalid settings", {
      fieldErrors: flattenIssues(parsed.error).fieldErrors,
    });
  }
  const after: SystemSettings = {
    passwordPolicy: merged.passwordPolicy,
    featureFlags: merged.featureFlags,
  };
  for (const key of SYSTEM_SETTING_KEYS) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    const value = { ...after[key] } satisfies Prisma.InputJsonObject;
    await ctx.db.systemSetting.upsert({
      where: { key },
      create: { key, value, updatedById: ctx.actor.userId },
      update: { value, updatedById: ctx.actor.userId },
      select: { key: true },
    });
  }
  await recordActivity(ctx.db, ctx.actor, {
    action: "system_settings.update",
    entityType: "system_settings",
    before: flattenSettings(before),
    after: flattenSettings(after),
  });
  return after;
}
