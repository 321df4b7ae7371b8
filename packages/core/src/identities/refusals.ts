import { AppError } from "../errors";

/*
 * The typed refusals of external sign-in and linking. Each carries a
 * stable `reason` the sign-in page and phone clients branch on.
 */

export function emailNotVerified(): AppError {
  return new AppError(
    "FORBIDDEN",
    "The identity provider did not confirm this e-mail address, so it cannot be used to sign in here",
    { reason: "email_unverified" },
  );
}

export function linkRequired(): AppError {
  return new AppError(
    "CONFLICT",
    "An account with this e-mail already exists: sign in with your password, then link this provider from your account page",
    { reason: "identity_link_required" },
  );
}

export function registrationClosed(): AppError {
  return new AppError("FORBIDDEN", "Registration is closed: ask an administrator for an account", {
    reason: "registration_closed",
  });
}

export function accountInactive(): AppError {
  return new AppError("UNAUTHENTICATED", "This account is deactivated", {
    reason: "account_inactive",
  });
}

export function identityTaken(): AppError {
  return new AppError("CONFLICT", "This identity is already linked to an account", {
    reason: "identity_taken",
  });
}

export function invalidCode(
  reason: "code_invalid" | "code_used" | "code_expired" | "code_mismatch",
): AppError {
  const messages = {
    code_invalid: "The sign-in code is not valid",
    code_used: "The sign-in code was already used: sign in again",
    code_expired: "The sign-in code has expired: sign in again",
    code_mismatch: "The sign-in code does not belong to this verifier or redirect URI",
  };
  return new AppError("UNAUTHENTICATED", messages[reason], { reason });
}
