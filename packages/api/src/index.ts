import { type inferRouterInputs, type inferRouterOutputs } from "@trpc/server";

import { type AppRouter } from "./root";

export { appRouter, createCaller, PUBLIC_PROCEDURES, type AppRouter } from "./root";
export { createContext, type Context } from "./trpc/context";
export { createApiDeps, type ApiDeps } from "./deps";
export { observedDeps } from "./observed-deps";
export {
  AppError,
  AppErrorCode,
  type Credentials,
  type FieldErrors,
  type ResolveSession,
} from "@fastnext/core";
export {
  webExternalSignIn,
  webSignIn,
  webSignOut,
  type WebExternalSignInError,
  type WebExternalSignInResult,
  type WebAuthDeps,
  type WebRequestInfo,
  type WebSignInError,
  type WebSignInResult,
} from "./web-auth";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
