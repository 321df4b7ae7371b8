import { verifyPassword } from "@fastnext/auth";
import { type TwoFactorDisableInput } from "@fastnext/validators";

import { AppError } from "../errors";
import { recordActivity } from "../activity";
import { readOwnCredentials } from "../auth/credentials";
import { spend } from "../auth/rate-limit";
import {
  acceptTotp,
  checkSecondFactor,
  newTotpSecret,
  openTotpSecret,
  replaceBackupCodes,
  sealTotpSecret,
  totpUri,
} from "../auth/second-factor";
import { type ServiceContext } from "../context";
import { readSetting } from "../settings/system";

/** The caller's account with its credentials (read through the owner-only path). */
async function account(ctx: ServiceContext) {
  const user = await ctx.db.user.findUnique({
    where: { id: ctx.principal.userId },
    select: { email: true, twoFactorEnabled: true },
  });
  const credentials = await readOwnCredentials(ctx.db);
  if (!user || !credentials) throw new AppError("NOT_FOUND", "No such user");
  return { ...user, ...credentials };
}

/**
 * Guessing codes (or the password) from a signed-in session is limited like
 * completing a sign-in: the same budget per account as auth.verifyTwoFactor.
 */
function spendAttempt(ctx: ServiceContext): Promise<void> {
  const key = `2fa:${ctx.principal.userId}`;
  return spend(ctx.deps.limiters.loginPerAccount, key, "two-factor attempts for this account");
}

/**
 * Starts turning two-factor sign-in on: a new secret is kept (sealed) as
 * pending until the first valid code confirms the user's app has it. The
 * secret is returned this once, with the otpauth:// URI to show as a QR code.
 */
export async function setupTwoFactor(
  ctx: ServiceContext,
): Promise<{ secret: string; otpauthUri: string }> {
  const flags = await readSetting(ctx.db, "featureFlags");
  if (!flags.selfServiceTwoFactor) {
    throw new AppError("FORBIDDEN", "Two-factor sign-in is turned off on this installation", {
      reason: "two_factor_unavailable",
    });
  }
  const user = await account(ctx);
  if (user.twoFactorEnabled) {
    throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is already on", {
      reason: "two_factor_enabled",
    });
  }
  const secret = newTotpSecret();
  await ctx.db.user.update({
    where: { id: ctx.principal.userId },
    data: {
      twoFactorPending: sealTotpSecret(secret, ctx.principal.userId, ctx.deps.encryptionKeys),
    },
    select: { id: true },
  });
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.two_factor_setup",
    entityType: "user",
    entityId: ctx.principal.userId,
    before: { twoFactorPending: user.twoFactorPending },
    after: { twoFactorPending: "new" },
  });
  return { secret, otpauthUri: totpUri(secret, user.email, ctx.deps.tokens.issuer) };
}

/** The first valid code turns two-factor on; returns ten single-use backup codes, shown this once. */
export async function confirmTwoFactor(
  ctx: ServiceContext,
  code: string,
): Promise<{ backupCodes: string[] }> {
  const userId = ctx.principal.userId;
  await spendAttempt(ctx);
  const user = await account(ctx);
  if (user.twoFactorEnabled) {
    throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is already on", {
      reason: "two_factor_enabled",
    });
  }
  if (!user.twoFactorPending) {
    throw new AppError("PRECONDITION_FAILED", "Start the set-up first", {
      reason: "two_factor_not_set_up",
    });
  }
  // Accepting the code records its step: the same code cannot then complete a sign-in.
  if (
    !(await acceptTotp(
      ctx.db,
      openTotpSecret(user.twoFactorPending, userId, ctx.deps.encryptionKeys),
      code,
    ))
  ) {
    throw new AppError("VALIDATION", "The code is not correct", {
      reason: "invalid_code",
      fieldErrors: { code: ["The code is not correct"] },
    });
  }
  await ctx.db.user.update({
    where: { id: userId },
    data: {
      twoFactorEnabled: true,
      twoFactorSecret: user.twoFactorPending,
      twoFactorPending: null,
    },
    select: { id: true },
  });
  const backupCodes = await replaceBackupCodes(ctx.db, userId, ctx.deps.encryptionKeys);
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.two_factor_enable",
    entityType: "user",
    entityId: userId,
    before: { twoFactorEnabled: false },
    after: { twoFactorEnabled: true, backupCodes: backupCodes.length },
  });
  return { backupCodes };
}

/**
 * Turns two-factor off, given proof of the account: a current code (or an
 * unused backup code, which it spends) or the password.
 */
export async function disableTwoFactor(
  ctx: ServiceContext,
  input: TwoFactorDisableInput,
): Promise<void> {
  const userId = ctx.principal.userId;
  await spendAttempt(ctx);
  const user = await account(ctx);
  if (!user.twoFactorEnabled || !user.twoFactorSecret) {
    throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is not on", {
      reason: "two_factor_disabled",
    });
  }
  if (input.code !== undefined) {
    if (
      !(await checkSecondFactor(
        ctx.db,
        userId,
        user.twoFactorSecret,
        input.code,
        ctx.deps.encryptionKeys,
      ))
    ) {
      throw new AppError("VALIDATION", "The code is not correct", {
        reason: "invalid_code",
        fieldErrors: { code: ["The code is not correct"] },
      });
    }
  } else if (!(await verifyPassword(user.passwordHash, input.password ?? ""))) {
    throw new AppError("VALIDATION", "The password is not correct", {
      reason: "wrong_password",
      fieldErrors: { password: ["The password is not correct"] },
    });
  }
  await ctx.db.user.update({
    where: { id: userId },
    data: {
      twoFactorEnabled: false,
      twoFactorSecret: null,
      twoFactorPending: null,
      twoFactorLastStep: null,
    },
    select: { id: true },
  });
  await ctx.db.twoFactorBackupCode.deleteMany({ where: { userId } });
  await recordActivity(ctx.db, ctx.actor, {
    action: "user.two_factor_disable",
    entityType: "user",
    entityId: userId,
    before: { twoFactorEnabled: true },
    after: { twoFactorEnabled: false, proof: input.code !== undefined ? "code" : "password" },
  });
}
