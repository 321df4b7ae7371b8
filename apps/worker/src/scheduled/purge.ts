import { type PrismaClient } from "@fastnext/db";

export interface PurgeResult {
  sessions: number;
  refreshTokens: number;
  loginChallenges: number;
  passwordResets: number;
  idempotencyKeys: number;
  oauthCodes: number;
}

/** Spent and expired records are kept this long, so late requests still get a precise refusal. */
const GRACE = "1 day";

/** How long a create's idempotency key answers retries: far longer than any client retries. */
const IDEMPOTENCY_KEY_LIFETIME = "24 hours";

/**
 * Deletes what can no longer be used: expired sessions (their refresh
 * tokens go with them), expired refresh tokens, and login challenges and
 * password-reset requests that are used or expired, and idempotency keys
 * past their lifetime (a retry after that is a new create), and the
 * one-time codes of external sign-ins (they live a minute). Used refresh
 * tokens of live sessions stay: presenting one again is how token theft is
 * detected.
 */
export async function purgeExpired(db: PrismaClient): Promise<PurgeResult> {
  return db.$transaction(async (tx) => {
    const sessions = await tx.$executeRaw`
      DELETE FROM sessions WHERE expires_at < now() - ${GRACE}::interval
         OR revoked_at < now() - interval '30 days'`;
    const refreshTokens =
      await tx.$executeRaw`DELETE FROM refresh_tokens WHERE expires_at < now() - ${GRACE}::interval`;
    const loginChallenges = await tx.$executeRaw`
      DELETE FROM login_challenges WHERE expires_at < now() - ${GRACE}::interval OR used_at < now() - ${GRACE}::interval`;
    const passwordResets = await tx.$executeRaw`
      DELETE FROM password_reset_tokens
       WHERE expires_at < now() - ${GRACE}::interval OR used_at < now() - ${GRACE}::interval`;
    const idempotencyKeys = await tx.$executeRaw`
      DELETE FROM idempotency_keys WHERE created_at < now() - ${IDEMPOTENCY_KEY_LIFETIME}::interval`;
    const oauthCodes = await tx.$executeRaw`
      DELETE FROM oauth_codes WHERE expires_at < now() - ${GRACE}::interval`;
    return {
      sessions,
      refreshTokens,
      loginChallenges,
      passwordResets,
      idempotencyKeys,
      oauthCodes,
    };
  });
}
