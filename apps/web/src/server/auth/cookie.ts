import { decode } from "next-auth/jwt";
import { z } from "zod";

import { type Credentials } from "@fastnext/api";

/** next-auth's session cookie: `__Secure-` prefixed when NEXTAUTH_URL is https. */
export const SESSION_COOKIE_NAMES = [
  "__Secure-next-auth.session-token",
  "next-auth.session-token",
] as const;

const ZSessionClaims = z.object({ userId: z.uuid(), sessionId: z.uuid() });

function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    let value = part.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value
    }
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The cookie's value, reassembled when next-auth split it (`name.0`, `name.1`, …). */
function cookieValue(cookies: Map<string, string>, name: string): string | null {
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks = [...cookies.entries()]
    .map(([key, value]) => ({
      index: key.startsWith(`${name}.`) ? Number(key.slice(name.length + 1)) : NaN,
      value,
    }))
    .filter((chunk) => Number.isInteger(chunk.index) && chunk.index >= 0)
    .sort((a, b) => a.index - b.index);
  return chunks.length > 0 ? chunks.map((chunk) => chunk.value).join("") : null;
}

/**
 * Who the next-auth session cookie says the caller is, or null (no cookie,
 * or one that does not decrypt, has expired or lacks our claims). Only a
 * claim: the API then checks the session row and the user on every request.
 */
export async function readSessionCookie(
  headers: Headers,
  secret: string,
): Promise<Credentials | null> {
  const cookies = parseCookieHeader(headers.get("cookie"));
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookieValue(cookies, name);
    if (!token) continue;
    try {
      const claims = ZSessionClaims.safeParse(await decode({ token, secret }));
      if (claims.success) return { userId: claims.data.userId, sessionId: claims.data.sessionId };
    } catch {
      // Not ours, tampered with or expired: as if absent.
    }
  }
  return null;
}
