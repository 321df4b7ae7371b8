import { z } from "zod";

import { generateOpaqueToken, hashOpaqueToken, pkceChallenge, safeEqual } from "@fastnext/auth";
import { ANONYMOUS_SCOPE, Prisma, scopedExecute, withScope } from "@fastnext/db";
import {
  ZIdentityProviderSchema,
  type IdentityProvider,
  type OAuthCodeInput,
} from "@fastnext/validators";

import { type CoreDeps } from "../deps";
import { invalidCode } from "./refusals";

/*
 * One-time codes that end a phone's or script's external sign-in
 * (authorization code with PKCE, RFC 7636). A code is 256 random bits,
 * handed to the client once through an allow-listed redirect URI; only its
 * SHA-256 is stored. It is bound to the client's S256 challenge and to that
 * redirect URI, expires quickly, and is spent by its first redemption
 * whatever the outcome, so a wrong verifier cannot be retried against it.
 */

export type CodeIntent = "sign_in" | "link";

export interface IssueCodeInput {
  /** sign_in: signs `userId` in; link: links the identity to whoever redeems it, signed in. */
  intent: CodeIntent;
  userId: string | null;
  provider: IdentityProvider;
  accountId: string;
  /** Verified by the provider (a code is never issued for an unverified address). */
  email: string;
  codeChallenge: string;
  redirectUri: string;
  ttlSeconds: number;
  requestId?: string;
}

/** Issues a code; returns it in clear, once. */
export async function issueCode(deps: CoreDeps, input: IssueCodeInput): Promise<string> {
  const code = generateOpaqueToken();
  const expiresAt = new Date(Date.now() + input.ttlSeconds * 1000);
  // A sign-in code is written as its user (the insert policy wants that); a link code has none.
  const scope =
    input.intent === "sign_in" && input.userId
      ? { userId: input.userId, permissions: [], requestId: input.requestId }
      : { ...ANONYMOUS_SCOPE, requestId: input.requestId };
  await withScope(deps.pool, scope, (tx) =>
    // No RETURNING: the application role may write codes, never read them.
    scopedExecute(
      tx,
      Prisma.sql`INSERT INTO oauth_codes (id, code_hash, intent, user_id, provider, provider_account_id,
                   email, code_challenge, redirect_uri, expires_at)
                 VALUES (gen_random_uuid(), ${hashOpaqueToken(code)}, ${input.intent},
                   ${input.intent === "sign_in" ? input.userId : null}::uuid, ${input.provider},
                   ${input.accountId}, ${input.email}, ${input.codeChallenge}, ${input.redirectUri},
                   ${expiresAt})`,
    ),
  );
  return code;
}

const ZRedeemedSchema = z.object({
  intent: z.enum(["sign_in", "link"]),
  user_id: z.string().nullable(),
  provider: ZIdentityProviderSchema,
  provider_account_id: z.string(),
  email: z.string(),
  code_challenge: z.string(),
  redirect_uri: z.string(),
  expires_at: z.date(),
  used_before: z.date().nullable(),
});

export interface RedeemedCode {
  userId: string | null;
  provider: IdentityProvider;
  accountId: string;
  email: string;
}

/**
 * Spends a code of `intent` and checks it against the client's verifier
 * and redirect URI (in constant time). Every refusal is UNAUTHENTICATED
 * with a reason: code_invalid, code_used, code_expired, code_mismatch.
 */
export async function redeemCode(
  deps: CoreDeps,
  input: OAuthCodeInput,
  intent: CodeIntent,
): Promise<RedeemedCode> {
  const rows = await deps.pool.$queryRaw<unknown[]>`
    SELECT * FROM app.auth_redeem_oauth_code(${hashOpaqueToken(input.code)})`;
  const row = rows[0] === undefined ? null : ZRedeemedSchema.parse(rows[0]);
  if (!row || row.intent !== intent) throw invalidCode("code_invalid");
  if (row.used_before) throw invalidCode("code_used");
  if (row.expires_at <= new Date()) throw invalidCode("code_expired");
  const verifierMatches = safeEqual(pkceChallenge(input.codeVerifier), row.code_challenge);
  const redirectMatches = safeEqual(input.redirectUri, row.redirect_uri);
  if (!verifierMatches || !redirectMatches) throw invalidCode("code_mismatch");
  return {
    userId: row.user_id,
    provider: row.provider,
    accountId: row.provider_account_id,
    email: row.email,
  };
}
