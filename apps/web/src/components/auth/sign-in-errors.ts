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
};

export const TWO_FACTOR_REQUIRED = "TwoFactorRequired";

export function signInErrorMessage(code: string): string {
  return MESSAGES[code] ?? "Signing in failed. Try again.";
}
