import { z } from "zod";

/*
 * The browser's half of an external sign-in or link: a PKCE verifier and a
 * state made here, kept in this tab's sessionStorage, and the redirect to
 * /api/oauth/<provider>/authorize. The page the flow returns to checks the
 * state and hands the code with the verifier to the server.
 */

const STORAGE_KEY = "fastnext.external-flow";

const ZPendingFlowSchema = z.object({
  provider: z.string(),
  state: z.string(),
  verifier: z.string(),
  redirectUri: z.string(),
  callbackUrl: z.string(),
});
export type PendingFlow = z.infer<typeof ZPendingFlowSchema>;

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = "";
  for (const byte of view) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** Sends the browser to the provider, remembering what the return page needs. */
export async function startExternalFlow(options: {
  provider: string;
  intent: "sign_in" | "link";
  redirectUri: string;
  callbackUrl: string;
}): Promise<void> {
  const verifier = randomText();
  const state = randomText();
  const challenge = base64url(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  const pending: PendingFlow = {
    provider: options.provider,
    state,
    verifier,
    redirectUri: options.redirectUri,
    callbackUrl: options.callbackUrl,
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    code_challenge: challenge,
    code_challenge_method: "S256",
    redirect_uri: options.redirectUri,
    state,
    intent: options.intent,
  });
  window.location.assign(`/api/oauth/${encodeURIComponent(options.provider)}/authorize?${query}`);
}

/** The flow this tab started, once: null when none, or when `state` is not its own. */
export function takePendingFlow(state: string | null): PendingFlow | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  sessionStorage.removeItem(STORAGE_KEY);
  if (!raw || !state) return null;
  try {
    const pending = ZPendingFlowSchema.safeParse(JSON.parse(raw));
    return pending.success && pending.data.state === state ? pending.data : null;
  } catch {
    return null;
  }
}
