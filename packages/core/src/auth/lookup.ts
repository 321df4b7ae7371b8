import { type PrismaClient } from "@fastnext/db";

export interface LoginCandidate {
  id: string;
  password_hash: string;
  is_active: boolean;
  locked_until: Date | null;
  failed_login_count: number;
}

export interface RefreshTokenRecord {
  token_id: string;
  session_id: string;
  user_id: string;
  used_at: Date | null;
  expires_at: Date;
  session_revoked_at: Date | null;
  session_expires_at: Date;
}

/*
 * Questions asked before anyone is signed in. RLS hides every row from a
 * connection with no caller set, so each goes through a narrow SECURITY
 * DEFINER function in the database (see the identity migration). They need
 * no caller settings, so they run as single statements, not transactions.
 */

export async function findLoginCandidate(
  pool: PrismaClient,
  email: string,
): Promise<LoginCandidate | null> {
  const rows = await pool.$queryRaw<
    LoginCandidate[]
  >`SELECT * FROM app.auth_find_user_by_email(${email})`;
  return rows[0] ?? null;
}

export async function recordLoginFailure(
  pool: PrismaClient,
  userId: string,
  threshold: number,
  lockSeconds: number,
): Promise<{ failed_login_count: number; locked_until: Date | null } | null> {
  const rows = await pool.$queryRaw<{ failed_login_count: number; locked_until: Date | null }[]>`
    SELECT * FROM app.auth_record_login_failure(${userId}::uuid, ${threshold}::int, ${lockSeconds}::int)`;
  return rows[0] ?? null;
}

export async function findRefreshToken(
  pool: PrismaClient,
  tokenHash: string,
): Promise<RefreshTokenRecord | null> {
  const rows = await pool.$queryRaw<
    RefreshTokenRecord[]
  >`SELECT * FROM app.auth_find_refresh_token(${tokenHash})`;
  return rows[0] ?? null;
}
