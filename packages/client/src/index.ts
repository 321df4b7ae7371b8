export { createFastnextClient, type FastnextClient, type FastnextClientOptions } from "./client";
export {
  authLink,
  authorizationHeaders,
  errorCode,
  NO_REFRESH_PATHS,
  type AuthLinkOptions,
} from "./auth-link";
export {
  IDEMPOTENT_MUTATIONS,
  idempotencyLink,
  type IdempotencyLinkOptions,
  type IdempotentMutationPath,
} from "./idempotency";
export {
  codeFromRedirect,
  completeExternalSignIn,
  ExternalSignInRefused,
  startExternalSignIn,
  type PendingExternalSignIn,
} from "./external-sign-in";
export { signIn, signOut, type Credentials, type SignInResult } from "./session";
export { memoryTokenStore, type TokenPair, type TokenStore } from "./token-store";
export { isTRPCClientError, TRPCClientError } from "@trpc/client";
export type { AppRouter, RouterInputs, RouterOutputs } from "@fastnext/api";
