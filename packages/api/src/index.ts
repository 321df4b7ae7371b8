import { type inferRouterInputs, type inferRouterOutputs } from "@trpc/server";

import { type AppRouter } from "./root";

export { appRouter, createCaller, PUBLIC_PROCEDURES, type AppRouter } from "./root";
export { createContext, type Context } from "./trpc/context";
export { AppError, AppErrorCode, type FieldErrors } from "./errors";
export { type Credentials } from "./auth/principal";
export { type ResolveSession } from "./auth/credentials";
export { fireDueTimeouts } from "./services/workflows/timeouts";
export {
  webSignIn,
  webSignOut,
  type WebRequestInfo,
  type WebSignInError,
  type WebSignInResult,
} from "./web-auth";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
