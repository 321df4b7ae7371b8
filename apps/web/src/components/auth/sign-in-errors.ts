/**
 * What the web sign-in answers in `error` (apps/web server/auth/options.ts
 * and the API's web sign-in), as sentences. Unknown codes get the generic one.
 */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The e-mail or password is not correct.",
  RateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
  AccountLocked: "This account is locked after too many wrong passwords. Try again later.",
  AccountInactive: "This account has been deactivated. Contact your administrator.",
  SignInUnavailable: "Signing in is unavailable right now. Try again in a moment.",
  TwoFactorInvalid: "That code is not correct. Check your authenticator app and try again.",
  ExternalCodeInvalid: "That sign-in has expired or was already used. Start again.",
  // Refusals of an external sign-in, as the flow sends them back (`?error=`).
  email_unverified:
    "The provider did not confirm your e-mail address, so it cannot be used to sign in here.",
  identity_link_required:
    "An account with this e-mail already exists. Sign in with your password, then link this provider on your account page.",
  registration_closed: "Registration is closed. Ask an administrator for an account.",
  account_inactive: "This account has been deactivated. Contact your administrator.",
  access_denied: "The sign-in was cancelled at the provider.",
  identity_taken: "This identity is already linked to another account.",
};

/** The error code of an external sign-in that needs the second factor: `TwoFactorRequired:<challenge token>`. */
export const EXTERNAL_TWO_FACTOR_PREFIX = "TwoFactorRequired:";

export const TWO_FACTOR_REQUIRED = "TwoFactorRequired";

export function signInErrorMessage(code: string): string {
  return MESSAGES[code] ?? "Signing in failed. Try again.";
}
