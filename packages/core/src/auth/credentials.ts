import { z } from "zod";

import { Prisma, scopedRows, type ScopedDb } from "@fastnext/db";

/** The calling user's secrets, which only their owner may read (and only through app.my_credentials). */
export interface OwnCredentials {
  passwordHash: string;
  /** Sealed TOTP secret while two-factor sign-in is on. */
  twoFactorSecret: string | null;
  /** Sealed TOTP secret offered by set-up, waiting for its first code. */
  twoFactorPending: string | null;
}

const ZCredentialsRows = z.array(
  z.object({
    password_hash: z.string(),
    two_factor_secret: z.string().nullable(),
    two_factor_pending: z.string().nullable(),
  }),
);

/*
 * The application role may not select these columns of users at all, not
 * even in the owner's own row (see the owner-only credentials migration):
 * an ordinary read of users can never carry them, whoever's row it is.
 */

/** The transaction's caller's credentials; null when the caller has no account. */
export async function readOwnCredentials(db: ScopedDb): Promise<OwnCredentials | null> {
  const [row] = ZCredentialsRows.parse(
    await scopedRows(db, Prisma.sql`SELECT * FROM app.my_credentials()`),
  );
  if (!row) return null;
  return {
    passwordHash: row.password_hash,
    twoFactorSecret: row.two_factor_secret,
    twoFactorPending: row.two_factor_pending,
  };
}

/**
 * Records the time step of a TOTP code accepted for the transaction's
 * caller, if it is later than the last one recorded; false when it is not
 * (the code, or a later one, was used already).
 */
export async function recordTotpStep(db: ScopedDb, step: number): Promise<boolean> {
  const [row] = z
    .array(z.object({ recorded: z.boolean() }))
    .parse(await scopedRows(db, Prisma.sql`SELECT app.record_totp_step(${step}::int) AS recorded`));
  return row?.recorded === true;
}
