import { expect } from "vitest";

// next-auth's sign-in as a browser does it (plain fetch, form posts,
// cookies), for tests against the production build.

/** Cookies as a browser keeps them: by name, last Set-Cookie wins, expired ones removed. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: Response): string[] {
    const names: string[] = [];
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
      names.push(name);
    }
    return names;
  }

  header(only?: (name: string) => boolean): string {
    return [...this.cookies]
      .filter(([name]) => !only || only(name))
      .map(([name, value]) => `${name}=${value}`)
      .join("; ");
  }

  /** Just the session cookie, as a replayed copy would be. */
  sessionCookie(): string {
    const cookie = this.header((name) => name.includes("next-auth.session-token"));
    expect(cookie).not.toBe("");
    return cookie;
  }
}

export async function csrf(baseUrl: string, jar: CookieJar): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  expect(response.status).toBe(200);
  jar.store(response);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  expect(csrfToken).toMatch(/^[0-9a-f]{64}$/);
  return csrfToken;
}

export interface SignInOutcome {
  jar: CookieJar;
  status: number;
  /** Cookies the sign-in response set. */
  setCookies: string[];
  /** `?error=` of the URL next-auth answered with, when refused. */
  error: string | null;
}

/**
 * What next-auth's signIn("credentials", { redirect: false }) does in the
 * browser; `headers` are added to the sign-in post (e.g. a forged
 * X-Forwarded-For).
 */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  jar = new CookieJar(),
  headers: Record<string, string> = {},
): Promise<SignInOutcome> {
  const csrfToken = await csrf(baseUrl, jar);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
      ...headers,
    },
    body: new URLSearchParams({
      csrfToken,
      email,
      password,
      json: "true",
      redirect: "false",
      callbackUrl: baseUrl,
    }),
    redirect: "manual",
  });
  const setCookies = jar.store(response);
  const { url } = (await response.json()) as { url: string };
  // next-auth builds its URLs from NEXTAUTH_URL, read at run time.
  expect(new URL(url).origin).toBe(baseUrl);
  return {
    jar,
    status: response.status,
    setCookies,
    error: new URL(url).searchParams.get("error"),
  };
}
