import { BENCH_USER } from "./dataset";

/** A tRPC GET URL, input encoded as superjson's `{ json }` envelope. */
export function trpcQuery(base: string, path: string, input?: unknown): string {
  const query =
    input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return `${base}/${path}${query}`;
}

/** Signs a user in through `auth.login` at `base` (the tRPC prefix); returns the access token. */
export async function signIn(
  base: string,
  credentials: { email: string; password: string } = BENCH_USER,
): Promise<string> {
  const login = await fetch(`${base}/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: credentials }),
  });
  const session = (await login.json()) as { result?: { data: { json: { accessToken: string } } } };
  const token = session.result?.data.json.accessToken;
  if (!token) throw new Error(`${credentials.email} could not sign in: ${JSON.stringify(session)}`);
  return token;
}
