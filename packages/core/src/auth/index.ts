/** Signing in and staying signed in: passwords, second factors, sessions, tokens, resets. */
export { type ClientMeta } from "./client-meta";
export { login } from "./login";
export { requestPasswordReset, resetPassword } from "./password-reset";
export { spend } from "./rate-limit";
export { logout, refresh, revokeSession } from "./refresh";
export { register } from "./register";
export { changePassword, listSessions, revokeAllSessions, revokeOwnSession } from "./sessions";
export { ZVerifyTwoFactorInputSchema } from "./input";
export { verifyTwoFactor } from "./verify-two-factor";
